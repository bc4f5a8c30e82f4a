using System.Runtime.InteropServices;
using SmeAi.Cli;

// Ctrl+C and SIGTERM cancel the running command, which then ends cleanly (simulate reports what it sent).
using var stop = new CancellationTokenSource();
void Cancel(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
return await SmeAiCommandLine.RunAsync(args, Console.Out, Console.Error, stop.Token);
