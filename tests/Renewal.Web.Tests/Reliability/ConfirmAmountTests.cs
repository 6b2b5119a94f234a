using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Renewal.Reliability;

namespace Renewal.Web.Tests.Reliability;

/// <summary>
/// The driver's side of the declaration of record (issue 10, item 2): when an approval computes another amount than
/// was submitted, the server answers 409 with <c>amountChanged</c> and expects the move again with
/// <c>confirmAmount</c>. The driver re-posts once with the computed amount, so the run keeps working on that server.
/// Against a stand-in server, since the server of this tree does not ask yet.
/// </summary>
public sealed class ConfirmAmountTests
{
    [Fact]
    public async Task A409CarryingAmountChanged_IsConfirmedOnce_WithTheComputedAmount()
    {
        var server = new StandIn(confirmsNeeded: 1);
        using var node = new WebNode("stand-in", () => new HttpClient(server, disposeHandler: false) { BaseAddress = new Uri("http://stand-in") });
        var journal = new Journal();
        using var session = new ApiSession(node, "shiju", journal);

        var answer = await ReliabilityRun.PostMoveAsync(session, 7, "Approve", null, 6, journal, CancellationToken.None);

        Assert.Equal(200, answer.Status);
        Assert.Equal(2, server.Moves.Count);
        Assert.Null(server.Moves[0]["confirmAmount"]);
        Assert.Equal(3_200_000.00m, server.Moves[1]["confirmAmount"]!.GetValue<decimal>());
        Assert.Equal(6, server.Moves[1]["version"]!.GetValue<long>());
        Assert.Equal(1, journal.Confirms);
        var ack = Assert.Single(journal.Moves);
        Assert.Equal(new MoveAck(7, "Approve", "Approved", 7), ack);
    }

    [Fact]
    public async Task AnAmountThatChangesAgain_IsNotConfirmedASecondTime_TheRefusalComesBack()
    {
        var server = new StandIn(confirmsNeeded: 2);
        using var node = new WebNode("stand-in", () => new HttpClient(server, disposeHandler: false) { BaseAddress = new Uri("http://stand-in") });
        var journal = new Journal();
        using var session = new ApiSession(node, "shiju", journal);

        var answer = await ReliabilityRun.PostMoveAsync(session, 7, "Approve", null, 6, journal, CancellationToken.None);

        Assert.Equal(409, answer.Status);
        Assert.Equal(2, server.Moves.Count);
        Assert.Empty(journal.Moves);
    }

    /// <summary>Answers the antiforgery token, then 409 amountChanged until it has been confirmed <c>confirmsNeeded</c> times.</summary>
    private sealed class StandIn(int confirmsNeeded) : HttpMessageHandler
    {
        public List<JsonObject> Moves { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath == "/api/v1/antiforgery") return Json(HttpStatusCode.OK, """{"token":"t"}""");
            Assert.Equal("t", request.Headers.GetValues(ApiSession.TokenHeader).Single());
            var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!.AsObject();
            Moves.Add(body);
            var confirmed = Moves.Count(m => m["confirmAmount"] is not null);
            return body["confirmAmount"] is not null && confirmed >= confirmsNeeded
                ? Json(HttpStatusCode.OK, """{"id":7,"state":"Approved","version":7,"approvedAmount":3200000.00}""")
                : Json(HttpStatusCode.Conflict, """
                    {"title":"批准金额与申报金额不同","status":409,"detail":"批准金额 3,200,000.00 元与申报金额 4,800,000.00 元不同，请确认",
                     "amountChanged":{"submitted":4800000.00,"computed":3200000.00,"reasons":["本项目全周期上限已被其他年度占用"]}}
                    """);
        }

        private static HttpResponseMessage Json(HttpStatusCode status, string json) =>
            new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }
}
