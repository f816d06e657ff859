using BenchmarkDotNet.Running;
using RumCollector.Bench;

// `dotnet run -c Release` runs every stage; BenchmarkDotNet arguments (--filter, --job short) pass through.
// `dotnet run -c Release -- --quick [seconds] [stage]`: per-beacon µs and bytes of each stage in a few seconds (Quick.cs).
if (args is ["--quick", ..]) Quick.Run(args.Length > 1 ? int.Parse(args[1]) : 3, args.Length > 2 ? args[2] : null);
else BenchmarkSwitcher.FromAssembly(typeof(HotPathBenchmarks).Assembly).Run(args, HotPathConfig.Create());
