using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Shenbao.Data;

namespace Shenbao.Tests.Web;

/// <summary>
/// An unknown name costs what a real one costs: the probe timed unknown names at ~3 ms and real ones at ~55 ms, which
/// told which accounts exist. Instead of timing (never an assertion here), the work is counted: each wrong attempt
/// verifies exactly one password hash of the same format and iteration count, real name or not.
/// </summary>
public sealed class SignInCostTests(SignInCostTests.CountingApp app) : IClassFixture<SignInCostTests.CountingApp>
{
    public sealed class CountingHasher : IPasswordHasher<User>
    {
        private readonly PasswordHasher<User> inner = new();

        public ConcurrentQueue<string> Verified { get; } = new();

        public string HashPassword(User user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(User user, string hashedPassword, string providedPassword)
        {
            Verified.Enqueue(hashedPassword);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    public sealed class CountingApp : ShenbaoApp
    {
        public CountingHasher Hasher { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<IPasswordHasher<User>>(Hasher)));
        }
    }

    /// <summary>The hashes one wrong sign-in verified.</summary>
    private async Task<List<string>> VerifiedByAsync(string userName)
    {
        var browser = Browser.For(app);
        var page = await browser.GetAsync("/Account/Login");
        app.Hasher.Verified.Clear();
        var answer = await browser.SubmitAsync(page, new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = "Wrong-Password-1" });
        Assert.Contains("用户名或密码错误", answer.Text, StringComparison.Ordinal);
        return [.. app.Hasher.Verified];
    }

    /// <summary>Identity's v3 format: marker, PRF, iteration count and salt length lead the hash (13 bytes).</summary>
    private static string Header(string hash) => Convert.ToHexString(Convert.FromBase64String(hash)[..13]);

    [Fact]
    public async Task A_wrong_password_for_a_name_nobody_has_verifies_one_hash_like_a_real_names()
    {
        var real = await VerifiedByAsync("zhiheng-leader");
        var unknown = await VerifiedByAsync("nobody-has-this-name");
        var unknownAgain = await VerifiedByAsync("nor-this-one");

        Assert.Single(real);
        Assert.Single(unknown);
        Assert.Single(unknownAgain);
        Assert.Equal(Header(real[0]), Header(unknown[0]));
        Assert.Equal(Header(real[0]), Header(unknownAgain[0]));
        Assert.StartsWith("01", Header(real[0]), StringComparison.Ordinal);   // v3: PBKDF2, as configured, not a cheaper format
    }
}
