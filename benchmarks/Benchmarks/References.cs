using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace GlobalStepMigration.Benchmarks;

/// <summary>The framework assemblies of this process, and the runtime when asked.</summary>
internal static class References
{
    private static readonly List<MetadataReference> Framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
        .Split(Path.PathSeparator)
        .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
        .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
        .ToList();

    private static readonly MetadataReference Runtime = MetadataReference.CreateFromFile(typeof(GlobalStepMigration.Runtime.Tf).Assembly.Location);

    public static List<MetadataReference> Get(bool withRuntime)
    {
        var list = new List<MetadataReference>(Framework);
        if (withRuntime)
        {
            list.Add(Runtime);
        }

        return list;
    }
}
