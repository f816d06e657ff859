using RumCollector;
using RumCollector.Config;

try
{
    await CollectorApp.Build(args).RunAsync();
    return 0;
}
catch (ConfigException e)
{
    Console.Error.WriteLine($"rum-collector: {e.Message}");
    return 2;
}
