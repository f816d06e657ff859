namespace RumOperator.Bench;

/// <summary>
/// Resident memory split as Linux reports it: anonymous pages (heaps, stacks: what the process itself holds) and
/// file-backed pages (mapped framework assemblies, reclaimable page cache).
/// </summary>
internal sealed record ProcessMemory(double RssMiB, double AnonMiB, double FileMiB, double PeakMiB)
{
    public static ProcessMemory Read()
    {
        var fields = File.ReadLines("/proc/self/status")
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1].Trim());
        double MiB(string key) => fields.TryGetValue(key, out var v) ? Math.Round(long.Parse(v.Split(' ')[0]) / 1024.0, 1) : double.NaN;
        return new ProcessMemory(MiB("VmRSS"), MiB("RssAnon"), MiB("RssFile"), MiB("VmHWM"));
    }
}
