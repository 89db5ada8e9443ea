using System;
using System.Collections.Generic;
using System.Text;

namespace GlobalStepMigration.Benchmarks;

/// <summary>
/// Generates a realistic synthetic project: ordinary C# (classes, generics, LINQ, loops, async,
/// records) with a chosen share of methods that use the legacy global-step API.
/// </summary>
internal static class CodeGenerator
{
    private const int MethodsPerFile = 12;

    /// <summary>About <paramref name="lines"/> lines in files of twelve methods; deterministic for a seed.</summary>
    public static List<(string Path, string Text)> Generate(int lines, double legacyShare, bool withRuntime, int seed = 42)
    {
        var random = new Random(seed);
        var files = new List<(string, string)>();
        var written = 0;
        var fileIndex = 0;
        while (written < lines)
        {
            var sb = new StringBuilder();
            sb.AppendLine("using System;");
            sb.AppendLine("using System.Collections.Generic;");
            sb.AppendLine("using System.Linq;");
            sb.AppendLine("using System.Threading.Tasks;");
            if (withRuntime)
            {
                sb.AppendLine("using GlobalStepMigration.Runtime;");
            }

            sb.AppendLine();
            sb.AppendLine($"namespace Generated.Area{fileIndex % 17};");
            sb.AppendLine();
            sb.AppendLine($"public sealed record Item{fileIndex}(int Id, string Name, double Score);");
            sb.AppendLine();
            sb.AppendLine($"public sealed class Service{fileIndex}");
            sb.AppendLine("{");
            sb.AppendLine($"    private readonly List<Item{fileIndex}> _items = new();");
            sb.AppendLine("    private int _calls;");
            for (var m = 0; m < MethodsPerFile; m++)
            {
                sb.AppendLine();
                if (withRuntime && random.NextDouble() < legacyShare)
                {
                    Legacy(sb, fileIndex, m);
                }
                else
                {
                    Ordinary(sb, fileIndex, m, random.Next(5));
                }
            }

            sb.AppendLine("}");
            var text = sb.ToString();
            written += CountLines(text);
            files.Add(($"/gen/Service{fileIndex}.cs", text));
            fileIndex++;
        }

        return files;
    }

    public static int CountLines(string text)
    {
        var n = 0;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                n++;
            }
        }

        return n;
    }

    private static void Ordinary(StringBuilder sb, int f, int m, int kind)
    {
        switch (kind)
        {
            case 0:
                sb.AppendLine($"    public List<T> Filter{m}<T>(IEnumerable<T> source, Func<T, bool> predicate) where T : notnull");
                sb.AppendLine("    {");
                sb.AppendLine("        _calls++;");
                sb.AppendLine("        return source.Where(predicate).OrderBy(x => x.GetHashCode()).ToList();");
                sb.AppendLine("    }");
                break;
            case 1:
                sb.AppendLine($"    public double Total{m}(int threshold)");
                sb.AppendLine("    {");
                sb.AppendLine("        var total = 0.0;");
                sb.AppendLine("        foreach (var item in _items)");
                sb.AppendLine("        {");
                sb.AppendLine("            if (item.Id > threshold && item.Name.Length > 2)");
                sb.AppendLine("            {");
                sb.AppendLine("                total += item.Score * 1.5;");
                sb.AppendLine("            }");
                sb.AppendLine("            else");
                sb.AppendLine("            {");
                sb.AppendLine("                total -= item.Score / 2;");
                sb.AppendLine("            }");
                sb.AppendLine("        }");
                sb.AppendLine();
                sb.AppendLine("        return total;");
                sb.AppendLine("    }");
                break;
            case 2:
                sb.AppendLine($"    public async Task<int> Load{m}Async(int count)");
                sb.AppendLine("    {");
                sb.AppendLine("        var sum = 0;");
                sb.AppendLine("        for (var i = 0; i < count; i++)");
                sb.AppendLine("        {");
                sb.AppendLine("            await Task.Yield();");
                sb.AppendLine("            sum += i * 3;");
                sb.AppendLine("        }");
                sb.AppendLine();
                sb.AppendLine("        return sum;");
                sb.AppendLine("    }");
                break;
            case 3:
                sb.AppendLine($"    public Dictionary<string, int> Group{m}()");
                sb.AppendLine("    {");
                sb.AppendLine("        return _items");
                sb.AppendLine("            .GroupBy(i => i.Name)");
                sb.AppendLine("            .Select(g => new { g.Key, Count = g.Count() })");
                sb.AppendLine("            .ToDictionary(x => x.Key, x => x.Count);");
                sb.AppendLine("    }");
                break;
            default:
                sb.AppendLine($"    public string Describe{m}(Item{f}? item)");
                sb.AppendLine("    {");
                sb.AppendLine("        if (item is null)");
                sb.AppendLine("        {");
                sb.AppendLine("            return \"none\";");
                sb.AppendLine("        }");
                sb.AppendLine();
                sb.AppendLine("        var label = item.Score switch { > 10 => \"high\", > 5 => \"mid\", _ => \"low\" };");
                sb.AppendLine("        return $\"{item.Id}:{item.Name}:{label}\";");
                sb.AppendLine("    }");
                break;
        }
    }

    private static void Legacy(StringBuilder sb, int f, int m)
    {
        sb.AppendLine($"    public long Train{m}()");
        sb.AppendLine("    {");
        sb.AppendLine("        var g = new Graph();");
        sb.AppendLine("        Tensor step;");
        sb.AppendLine("        Operation? trainOp;");
        sb.AppendLine("        Operation init;");
        sb.AppendLine("        using (g.AsDefault())");
        sb.AppendLine("        {");
        sb.AppendLine($"            var w = Tf.Variable(1.0, name: \"w{f}_{m}\");");
        sb.AppendLine("            var loss = Tf.Square(w - 4.0);");
        sb.AppendLine("            step = Tf.Compat.V1.Train.GetOrCreateGlobalStep(g);");
        sb.AppendLine("            var optimizer = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1);");
        sb.AppendLine("            trainOp = optimizer.Minimize(loss, step);");
        sb.AppendLine("            init = Tf.Compat.V1.GlobalVariablesInitializer();");
        sb.AppendLine("        }");
        sb.AppendLine();
        sb.AppendLine("        using var sess = new Session(g);");
        sb.AppendLine("        sess.Run(init);");
        sb.AppendLine("        sess.Run(trainOp!);");
        sb.AppendLine("        return (long)sess.Run(step);");
        sb.AppendLine("    }");
    }
}
