using RumCollector;
using RumCollector.Config;

// Socket completions run on the epoll threads, and with them (CollectorApp) the request itself: one thread
// switch less per beacon. Read once, when the first socket is made, so it is set before anything else;
// DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=0 turns it off. Only the executable does this: tests that host
// the collector in their own process keep the default.
if (Environment.GetEnvironmentVariable(CollectorApp.InlineCompletionsVariable) is null)
    Environment.SetEnvironmentVariable(CollectorApp.InlineCompletionsVariable, "1");

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
