using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;

namespace GlobalStepMigration.Runtime.Checkpoints;

/// <summary>
/// The runtime's checkpoint file: one file <c>prefix.index</c> holding the tensors of a checkpoint (TensorFlow
/// writes <c>prefix.index</c> and <c>prefix.data-00000-of-00001</c> in its tensor-bundle format; this format is the
/// runtime's own, version 1, described in docs/design/runtime-api.md). Little-endian throughout:
/// <list type="bullet">
/// <item>index: magic <c>GSMCKPT\0</c>, uint32 format version, uint32 entry count, then per entry (sorted by key,
/// ordinal): uint16 key length and the key in UTF-8, byte dtype (TensorFlow's DataType number: 1 float, 2 double,
/// 3 int32, 7 string, 9 int64, 10 bool), byte rank, int64 per dimension, int64 offset and int64 size of the value
/// in the data section, uint32 CRC-32C of the value's bytes;</item>
/// <item>data: the values one after the other (float32, float64, int32, int64 as IEEE/two's complement, bool as one
/// byte, a string as UTF-8);</item>
/// <item>footer: int64 index length, uint32 CRC-32C of the index, magic <c>GSMCKPT\0</c>.</item>
/// </list>
/// A save writes a temporary file next to the target and renames it over the target, so a failed save leaves the
/// previous file as it was.
/// </summary>
internal static class Bundle
{
    internal const string ObjectGraphKey = "_CHECKPOINTABLE_OBJECT_GRAPH";

    internal const int FormatVersion = 1;

    private const int FooterLength = 8 + 4 + 8;
    private const int HeaderLength = 8 + 4 + 4;
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("GSMCKPT\0");

    /// <summary>For tests: runs after the temporary file is written, before it replaces the target (an exception fails the save).</summary>
    internal static readonly AsyncLocal<Action<string>?> BeforeCommit = new();

    internal static string IndexPath(string prefix) => prefix + ".index";

    /// <summary>A variable's name in a checkpoint: its op name in a graph (<c>w/Momentum</c>), its name without <c>:0</c> eagerly.</summary>
    internal static string VariableName(Variable variable) => variable.Op?.Name ?? variable.Name.Split(':')[0];

    /// <summary>TensorFlow's <c>checkpoint_exists</c> for a V2 prefix: its index file exists.</summary>
    internal static bool Exists(string prefix) => File.Exists(IndexPath(prefix));

    internal static byte DTypeNumber(DType dtype) => dtype switch
    {
        DType.Float32 => 1,
        DType.Float64 => 2,
        DType.Int32 => 3,
        DType.Int64 => 9,
        DType.Bool => 10,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
    };

    /// <summary>TensorFlow's <c>DataTypeString</c>, as checkpoint errors print dtypes.</summary>
    internal static string DTypeString(DType dtype) => OpRegistry.PlaceholderTypeName(dtype);

    /// <summary>Writes the tensors (and a string entry per <paramref name="strings"/>) to <c>prefix.index</c>, atomically.</summary>
    internal static void Write(string prefix, IReadOnlyDictionary<string, NDArray> tensors, IReadOnlyDictionary<string, string>? strings = null)
    {
        var entries = tensors.Select(t => (t.Key, Dtype: DTypeNumber(t.Value.DType), Shape: t.Value.ShapeArray, Bytes: Encode(t.Value)))
            .Concat((strings ?? new Dictionary<string, string>()).Select(s => (s.Key, Dtype: (byte)7, Shape: Array.Empty<int>(), Bytes: Encoding.UTF8.GetBytes(s.Value))))
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .ToList();

        using var index = new MemoryStream();
        using var data = new MemoryStream();
        index.Write(Magic);
        WriteUInt32(index, FormatVersion);
        WriteUInt32(index, (uint)entries.Count);
        foreach (var (key, dtype, shape, bytes) in entries)
        {
            var keyBytes = Encoding.UTF8.GetBytes(key);
            WriteUInt16(index, (ushort)keyBytes.Length);
            index.Write(keyBytes);
            index.WriteByte(dtype);
            index.WriteByte((byte)shape.Length);
            foreach (var d in shape)
            {
                WriteInt64(index, d);
            }

            WriteInt64(index, data.Length);
            WriteInt64(index, bytes.Length);
            WriteUInt32(index, Crc32C.Compute(bytes));
            data.Write(bytes);
        }

        var indexBytes = index.ToArray();
        var path = IndexPath(prefix);
        var temp = path + ".tempstate" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                file.Write(indexBytes);
                data.Position = 0;
                data.CopyTo(file);
                var footer = new byte[FooterLength];
                BinaryPrimitives.WriteInt64LittleEndian(footer, indexBytes.Length);
                BinaryPrimitives.WriteUInt32LittleEndian(footer.AsSpan(8), Crc32C.Compute(indexBytes));
                Magic.CopyTo(footer, 12);
                file.Write(footer);
                file.Flush(flushToDisk: true);
            }

            BeforeCommit.Value?.Invoke(path);
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw FileError(path, e);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Writes a text file atomically (TensorFlow's <c>file_io.atomic_write_string_to_file</c>).</summary>
    internal static void WriteTextAtomically(string path, string text)
    {
        var temp = path + ".tmp" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
        try
        {
            File.WriteAllText(temp, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw FileError(path, e);
        }
    }

    /// <summary>A file-system failure as TensorFlow's status for it (errno to error code).</summary>
    internal static OpErrorException FileError(string path, Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => new NotFoundException($"{path}; No such file or directory", e),
        _ when Directory.Exists(path) => new FailedPreconditionException($"{path}; Is a directory", e),
        UnauthorizedAccessException => new OpErrorException($"{path}; Permission denied", e),
        _ => new OpErrorException($"{path}; {e.Message}", e),
    };

    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing to clean up then.
        }
    }

    /// <summary>Opens <c>prefix.index</c>: <see cref="NotFoundException"/> when missing, <see cref="DataLossException"/> when corrupt.</summary>
    internal static BundleReader Open(string prefix)
    {
        var path = IndexPath(prefix);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw FileError(path, e);
        }

        return new BundleReader(prefix, bytes);
    }

    private static byte[] Encode(NDArray value)
    {
        var data = value.Data;
        var width = value.DType switch { DType.Float32 or DType.Int32 => 4, DType.Bool => 1, _ => 8 };
        var bytes = new byte[data.Length * width];
        for (var i = 0; i < data.Length; i++)
        {
            var span = bytes.AsSpan(i * width, width);
            switch (value.DType)
            {
                case DType.Float32:
                    BinaryPrimitives.WriteSingleLittleEndian(span, (float)data[i]);
                    break;
                case DType.Float64:
                    BinaryPrimitives.WriteDoubleLittleEndian(span, data[i]);
                    break;
                case DType.Int32:
                    BinaryPrimitives.WriteInt32LittleEndian(span, (int)data[i]);
                    break;
                case DType.Int64:
                    BinaryPrimitives.WriteInt64LittleEndian(span, (long)data[i]);
                    break;
                default:
                    span[0] = data[i] != 0 ? (byte)1 : (byte)0;
                    break;
            }
        }

        return bytes;
    }

    internal static NDArray Decode(DType dtype, int[] shape, ReadOnlySpan<byte> bytes)
    {
        var width = dtype switch { DType.Float32 or DType.Int32 => 4, DType.Bool => 1, _ => 8 };
        var data = new double[bytes.Length / width];
        for (var i = 0; i < data.Length; i++)
        {
            var span = bytes.Slice(i * width, width);
            data[i] = dtype switch
            {
                DType.Float32 => BinaryPrimitives.ReadSingleLittleEndian(span),
                DType.Float64 => BinaryPrimitives.ReadDoubleLittleEndian(span),
                DType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(span),
                DType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(span),
                _ => span[0] != 0 ? 1 : 0,
            };
        }

        return NDArray.FromValues(dtype, shape, data);
    }

    private static void WriteUInt16(Stream s, ushort v)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(b, v);
        s.Write(b);
    }

    private static void WriteUInt32(Stream s, uint v)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        s.Write(b);
    }

    private static void WriteInt64(Stream s, long v)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(b, v);
        s.Write(b);
    }

    internal static bool MagicMatches(ReadOnlySpan<byte> span) => span.SequenceEqual(Magic);

    internal static int Header => HeaderLength;

    internal static int Footer => FooterLength;
}

/// <summary>A checkpoint file read into memory, with TensorFlow's errors for missing keys and corrupt bytes.</summary>
internal sealed class BundleReader
{
    private readonly string _prefix;
    private readonly byte[] _bytes;
    private readonly long _dataStart;
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    internal BundleReader(string prefix, byte[] bytes)
    {
        _prefix = prefix;
        _bytes = bytes;
        if (bytes.Length < Bundle.Header + Bundle.Footer)
        {
            throw new DataLossException("file is too short to be an sstable");
        }

        var footer = bytes.AsSpan(bytes.Length - Bundle.Footer);
        if (!Bundle.MagicMatches(footer[12..]) || !Bundle.MagicMatches(bytes.AsSpan(0, 8)))
        {
            throw new DataLossException("not an sstable (bad magic number)");
        }

        var indexLength = BinaryPrimitives.ReadInt64LittleEndian(footer);
        if (indexLength < Bundle.Header || indexLength > bytes.Length - Bundle.Footer
            || BinaryPrimitives.ReadUInt32LittleEndian(footer[8..]) != Crc32C.Compute(bytes.AsSpan(0, (int)indexLength)))
        {
            throw new DataLossException("block checksum mismatch");
        }

        var version = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        if (version > Bundle.FormatVersion)
        {
            throw new InvalidArgumentException(
                $"Checkpoint min consumer version {version} above current version {Bundle.FormatVersion} for GlobalStepMigration.Runtime.  Please upgrade GlobalStepMigration.Runtime.");
        }

        var count = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(12));
        var at = Bundle.Header;
        for (var i = 0; i < count; i++)
        {
            var keyLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at));
            var key = Encoding.UTF8.GetString(bytes, at + 2, keyLength);
            at += 2 + keyLength;
            var dtypeNumber = bytes[at];
            var rank = bytes[at + 1];
            at += 2;
            var shape = new int[rank];
            for (var d = 0; d < rank; d++)
            {
                shape[d] = checked((int)BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(at)));
                at += 8;
            }

            var offset = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(at));
            var size = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(at + 8));
            var crc = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 16));
            at += 20;
            _entries[key] = new Entry(dtypeNumber, shape, offset, size, crc);
        }

        _dataStart = indexLength;
    }

    /// <summary>The keys, sorted.</summary>
    internal IReadOnlyList<string> Keys => _entries.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();

    internal bool Contains(string key) => _entries.ContainsKey(key);

    /// <summary>The stored dtype (null for a string) and shape of <paramref name="key"/>.</summary>
    internal (DType? DType, int[] Shape) Describe(string key)
    {
        var entry = Get(key);
        return (ToDType(entry.DType), entry.Shape);
    }

    /// <summary>The value of a tensor entry, its checksum verified.</summary>
    internal NDArray Read(string key)
    {
        var entry = Get(key);
        var dtype = ToDType(entry.DType) ?? throw new InvalidArgumentException($"tensor_name = {key}; the entry is a string, not a number");
        var bytes = Bytes(entry);
        return Bundle.Decode(dtype, entry.Shape, bytes);
    }

    /// <summary>The value of a string entry (the object graph).</summary>
    internal string ReadString(string key) => Encoding.UTF8.GetString(Bytes(Get(key)));

    private Entry Get(string key) =>
        _entries.TryGetValue(key, out var entry) ? entry : throw new NotFoundException($"Key {key} not found in checkpoint");

    private ReadOnlySpan<byte> Bytes(Entry entry)
    {
        var start = _dataStart + entry.Offset;
        if (entry.Offset < 0 || entry.Size < 0 || start + entry.Size > _bytes.Length - Bundle.Footer)
        {
            throw new OutOfRangeException("reached end of file");
        }

        var bytes = _bytes.AsSpan((int)start, (int)entry.Size);
        var actual = Crc32C.Compute(bytes);
        if (actual != entry.Crc)
        {
            throw new DataLossException(string.Create(CultureInfo.InvariantCulture,
                $"TensorBundle at {_prefix} shard 0 ({entry.Size} bytes): Checksum does not match: stored {entry.Crc:D8} vs. calculated on the restored bytes {actual}"));
        }

        return bytes;
    }

    private static DType? ToDType(byte number) => number switch
    {
        1 => DType.Float32,
        2 => DType.Float64,
        3 => DType.Int32,
        9 => DType.Int64,
        10 => DType.Bool,
        7 => null,
        _ => throw new DataLossException($"Data type {number} not supported in checkpoint"),
    };

    private sealed record Entry(byte DType, int[] Shape, long Offset, long Size, uint Crc);
}

/// <summary>CRC-32C (Castagnoli), the checksum TensorFlow's tensor bundles use.</summary>
internal static class Crc32C
{
    private static readonly uint[] Table = BuildTable();

    internal static uint Compute(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0x82F63B78u ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}

/// <summary>The object graph entry of a checkpoint: each variable's key and name, one per line.</summary>
internal static class ObjectGraph
{
    internal static string Format(IEnumerable<(string Key, string FullName)> entries) =>
        string.Concat(entries.Select(e => e.Key + "\t" + e.FullName + "\n"));

    internal static List<(string Key, string FullName)> Parse(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .Where(parts => parts.Length == 2)
            .Select(parts => (parts[0], parts[1]))
            .ToList();
}

/// <summary>TensorFlow's <c>NewCheckpointReader</c> and its error translation (py_checkpoint_reader.py).</summary>
internal static class CheckpointReaders
{
    internal static BundleReader Open(string prefix)
    {
        if (!Bundle.Exists(prefix))
        {
            throw new NotFoundException($"Unsuccessful TensorSliceReader constructor: Failed to find any matching files for {prefix}");
        }

        try
        {
            return Bundle.Open(prefix);
        }
        catch (DataLossException e)
        {
            // error_translator maps only "Unable to open table file" to DataLossError; a V2 index's table error is UNKNOWN.
            throw new OpErrorException(e.Message, e);
        }
    }
}
