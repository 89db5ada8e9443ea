using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using GlobalStepMigration.TestKit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GlobalStepMigration.TensorFlowNet.Model.Tests;

/// <summary>The TensorFlow.NET generation a program is compiled against and run on (docs/tensorflow-net.md, "Generations").</summary>
public enum TfNetGeneration
{
    /// <summary>Tag v0.20, assembly TensorFlow.NET (tests/TensorFlowNet.Model.Old).</summary>
    Old,

    /// <summary>Tag v0.150.0-BERT-Model, assembly Tensorflow.Binding (tests/TensorFlowNet.Model.Current).</summary>
    Current,
}

/// <summary>
/// Compiles a TensorFlow.NET program in memory against one model generation, runs it and returns what it printed,
/// as the TestKit's ProgramRunner does for runtime programs. Each run loads the program and a fresh copy
/// of the model assembly into a collectible AssemblyLoadContext (the model's static state starts over) on a new
/// thread (its per-thread default graph and execution context start over); the runtime is the one the tests load.
/// To use it from another test project (tests/CodeFixes.Tests does), link this file, reference the TestKit and both
/// model projects (their assemblies are found next to the test assembly by file name).
/// </summary>
internal static class ModelRunner
{
    /// <summary>The usings TensorFlow.NET programs start with.</summary>
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using Tensorflow;
        using Tensorflow.Train;
        using static Tensorflow.Binding;

        """;

    /// <summary>The model assembly's file name (the real assembly name of that generation).</summary>
    public static string AssemblyName(TfNetGeneration generation) => generation == TfNetGeneration.Old ? "TensorFlow.NET" : "Tensorflow.Binding";

    /// <summary>The model assembly built next to the test assembly.</summary>
    public static string AssemblyPath(TfNetGeneration generation) => Path.Combine(AppContext.BaseDirectory, AssemblyName(generation) + ".dll");

    public static MetadataReference Reference(TfNetGeneration generation) => MetadataReference.CreateFromFile(AssemblyPath(generation));

    /// <summary>A console program (top-level statements or a Main) compiled against the framework and one model.</summary>
    public static CSharpCompilation Compile(string source, TfNetGeneration generation) =>
        CSharpCompilation.Create(
            "Program",
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp12), path: "Program.cs") },
            TestReferences.Framework.Add(Reference(generation)),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Disable));

    /// <summary>Compiles <paramref name="source"/> for <paramref name="generation"/> and runs it.</summary>
    public static string Run(string source, TfNetGeneration generation) => Run(Compile(source, generation), generation);

    /// <summary>Runs a compilation made against <paramref name="generation"/>; it must have no error or warning.</summary>
    public static string Run(Compilation compilation, TfNetGeneration generation)
    {
        var problems = TestCompilation.Problems(compilation);
        if (problems.Length > 0)
        {
            throw new InvalidOperationException("The program does not compile cleanly:\n" + string.Join("\n", problems));
        }

        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        if (!emitted.Success)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, emitted.Diagnostics));
        }

        var context = new ModelLoadContext(AssemblyName(generation), AssemblyPath(generation));
        try
        {
            stream.Position = 0;
            var entry = context.LoadFromStream(stream).EntryPoint ?? throw new InvalidOperationException("The program has no entry point.");
            lock (ProgramRunner.ConsoleGate)
            {
                var output = new StringWriter { NewLine = "\n" };
                Exception? failure = null;
                var thread = new Thread(() =>
                {
                    var original = Console.Out;
                    Console.SetOut(output);
                    try
                    {
                        entry.Invoke(null, entry.GetParameters().Length == 0 ? null : new object[] { Array.Empty<string>() });
                    }
                    catch (TargetInvocationException exception)
                    {
                        failure = exception.InnerException ?? exception;
                    }
                    finally
                    {
                        Console.SetOut(original);
                    }
                });
                thread.Start();
                thread.Join();
                if (failure is not null)
                {
                    throw new InvalidOperationException("The program failed:\n" + output + "\n" + failure);
                }

                return output.ToString();
            }
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>Loads a fresh copy of the model assembly; everything else comes from the default context.</summary>
    private sealed class ModelLoadContext : AssemblyLoadContext
    {
        private readonly string _modelName;
        private readonly string _modelPath;

        public ModelLoadContext(string modelName, string modelPath)
            : base("tensorflow-net-program", isCollectible: true)
        {
            _modelName = modelName;
            _modelPath = modelPath;
        }

        protected override Assembly? Load(AssemblyName assemblyName) =>
            assemblyName.Name == _modelName ? LoadFromAssemblyPath(_modelPath) : null;
    }
}
