using System.Diagnostics;
using System.IO;
using Xunit;

namespace GlobalStepMigration.Runtime.Tests;

/// <summary>The two programs of TensorFlow's get_global_step page, run as the user runs them.</summary>
public class SeedProgramTests
{
    internal static string RunSample(string name)
    {
        var dir = Path.GetDirectoryName(typeof(SeedProgramTests).Assembly.Location)!;
        var config = new DirectoryInfo(dir).Parent!.Name; // bin/<Configuration>/net10.0
        var root = Path.GetFullPath(Path.Combine(dir, "../../../../.."));
        var dll = Path.Combine(root, "samples", name, "bin", config, "net10.0", name + ".dll");
        Assert.True(File.Exists(dll), $"sample not built: {dll}");
        var psi = new ProcessStartInfo("dotnet", $"\"{dll}\"") { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
        return output.Replace("\r\n", "\n");
    }

    [Fact]
    public void Tf1GraphProgramPrintsTheSeedLines() =>
        Assert.Equal("before training: 0\nafter training: 1\n1\n", RunSample("SeedTf1"));

    [Fact]
    public void KerasProgramPrintsTheSeedLines() =>
        Assert.Equal("before training: 0\nafter training: 1\n", RunSample("SeedKeras"));
}
