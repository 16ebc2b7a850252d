using System.Diagnostics;

namespace Shenbao.BrowserTests.Support;

/// <summary>
/// What the machine must provide for the journeys: Debian's chromium (Playwright cannot download a browser here)
/// and CJK fonts (without them the DOM assertions pass but every screenshot shows boxes). Missing either fails the
/// run with what to do; nothing is skipped.
/// </summary>
public static class Machine
{
    public static string ChromiumPath { get; } = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/lib/chromium/chromium";

    public static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    public static void RequireChromium()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"Chromium is missing: no executable at {ChromiumPath}. The browser journeys need Debian's chromium " +
                "(Playwright cannot download its own browser here). Run ./test.sh, which apt-installs chromium and the CJK fonts, " +
                "or `apt-get install -y --no-install-recommends chromium`, or set CHROMIUM_PATH to a chromium executable.");
    }

    public static void RequireChineseFonts()
    {
        string output;
        try
        {
            using var process = Process.Start(new ProcessStartInfo("fc-list", ":lang=zh family") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
            output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"fc-list could not be run ({e.Message}): fontconfig and CJK fonts are needed so that screenshots show Chinese, not boxes. " +
                "Run ./test.sh (it apt-installs fontconfig fonts-noto-cjk fonts-wqy-zenhei).", e);
        }
        if (string.IsNullOrWhiteSpace(output))
            throw new InvalidOperationException(
                "No Chinese font is installed (`fc-list :lang=zh` is empty): the screenshots would show boxes instead of Chinese. " +
                "Run ./test.sh (it apt-installs fonts-noto-cjk and fonts-wqy-zenhei).");
    }
}
