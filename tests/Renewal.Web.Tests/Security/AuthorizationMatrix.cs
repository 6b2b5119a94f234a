using Renewal.Web.Tests.Infrastructure;
using static Renewal.Web.Tests.Security.Outcome;

namespace Renewal.Web.Tests.Security;

/// <summary>The people the matrix acts as: nobody, and one demo account per role.</summary>
public enum Who
{
    Anonymous,
    Enterprise,
    District,
    Bureau,
    Admin,
    Finance,
    Bank,
}

/// <summary>A concrete request: the path, and a JSON body (API) or form fields (page; the antiforgery token is added).</summary>
public sealed record Request(string Path, object? Json = null, IReadOnlyDictionary<string, string>? Form = null);

/// <summary>
/// One row: an endpoint, the case it probes (whose row, which id), how to build the request from the seeded ids, and
/// the outcome expected for each of the seven people. <see cref="FreshSession"/>: the request changes the session
/// itself (sign-out), so it is sent from a session signed in for it alone.
/// </summary>
public sealed record Probe(EndpointKey Endpoint, string Case, Func<TestData, Request> Build, IReadOnlyDictionary<Who, Outcome> Expected, bool FreshSession = false)
{
    public override string ToString() => $"{Endpoint} [{Case}]";
}

/// <summary>
/// THE AUTHORIZATION MATRIX: every endpoint of the app, every person, the outcome. Row-level rules (Access.cs): an
/// enterprise sees only its own rows, a district only its area, a bank only projects with a financing need and no
/// applications; the bureau and finance see everything. A row exists for every endpoint — the test fails when the
/// app gains an endpoint that is not listed here, so add its row (and think about who may use it) when you add one.
/// </summary>
/// <remarks>
/// Ids: "own" = the demo enterprise's (account qiye, in the demo district's area, with a financing need);
/// "foreign" = a third enterprise outside the district, no financing need; "neighbour" = another enterprise in the
/// district's area, no financing need; "missing" = an id that does not exist. The requests never change data: moves
/// carry a stale version (409), forms carry invalid values (the page shows the reason), so the same database serves
/// every row and every person.
/// </remarks>
public static class AuthorizationMatrix
{
    private const string Missing = "987654";

    /// <summary>Expected outcomes in the column order anonymous, enterprise, district, bureau, admin, finance, bank.</summary>
    private static Dictionary<Who, Outcome> E(Outcome anonymous, Outcome enterprise, Outcome district, Outcome bureau, Outcome admin, Outcome finance, Outcome bank) => new()
    {
        [Who.Anonymous] = anonymous, [Who.Enterprise] = enterprise, [Who.District] = district, [Who.Bureau] = bureau,
        [Who.Admin] = admin, [Who.Finance] = finance, [Who.Bank] = bank,
    };

    private static readonly Dictionary<Who, Outcome> Public = E(Ok, Ok, Ok, Ok, Ok, Ok, Ok);
    private static readonly Dictionary<Who, Outcome> SignedIn = E(SignIn, Ok, Ok, Ok, Ok, Ok, Ok);
    private static readonly Dictionary<Who, Outcome> NotBank = E(SignIn, Ok, Ok, Ok, Ok, Ok, Forbidden);
    private static readonly Dictionary<Who, Outcome> EnterpriseOnly = E(SignIn, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden);
    /// <summary>Another enterprise's row on an enterprise-only page: nobody.</summary>
    private static readonly Dictionary<Who, Outcome> EnterpriseNever = E(SignIn, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden);
    /// <summary>A missing row on an enterprise-only page: the enterprise learns it does not exist, the others are refused first.</summary>
    private static readonly Dictionary<Who, Outcome> EnterpriseMissing = E(SignIn, NotFound, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden);
    private static readonly Dictionary<Who, Outcome> AdminOnly = E(SignIn, Forbidden, Forbidden, Forbidden, Ok, Forbidden, Forbidden);
    private static readonly Dictionary<Who, Outcome> AdminMissing = E(SignIn, Forbidden, Forbidden, Forbidden, NotFound, Forbidden, Forbidden);
    private static readonly Dictionary<Who, Outcome> AuditReaders = E(SignIn, Forbidden, Forbidden, Ok, Ok, Ok, Forbidden);
    /// <summary>拨付 (issue 12): only finance records a payment batch.</summary>
    private static readonly Dictionary<Who, Outcome> FinanceOnly = E(SignIn, Forbidden, Forbidden, Forbidden, Forbidden, Ok, Forbidden);
    private static readonly Dictionary<Who, Outcome> PaymentsMissing = E(SignIn, Forbidden, Forbidden, NotFound, NotFound, NotFound, Forbidden);
    /// <summary>The demo enterprise's project with a financing need: everyone signed in sees it.</summary>
    private static readonly Dictionary<Who, Outcome> OwnProject = SignedIn;
    /// <summary>The demo enterprise's application: its enterprise, its district, bureau, admin, finance; never a bank.</summary>
    private static readonly Dictionary<Who, Outcome> OwnApplication = NotBank;
    /// <summary>A row of a third enterprise outside the district, no financing need: bureau, admin and finance only.</summary>
    private static readonly Dictionary<Who, Outcome> Foreign = E(SignIn, Forbidden, Forbidden, Ok, Ok, Ok, Forbidden);
    /// <summary>Another enterprise's row in the district's area, no financing need.</summary>
    private static readonly Dictionary<Who, Outcome> Neighbour = E(SignIn, Forbidden, Ok, Ok, Ok, Ok, Forbidden);
    /// <summary>政策参数 and the revisions (issue 11): the bureau's reviewers and administrators read them.</summary>
    private static readonly Dictionary<Who, Outcome> BureauReaders = E(SignIn, Forbidden, Forbidden, Ok, Ok, Forbidden, Forbidden);
    private static readonly Dictionary<Who, Outcome> BureauMissing = E(SignIn, Forbidden, Forbidden, NotFound, NotFound, Forbidden, Forbidden);
    private static readonly Dictionary<Who, Outcome> Nowhere = E(SignIn, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound);
    /// <summary>A public page of a row that is not public: not found for everyone, signed in or not.</summary>
    private static readonly Dictionary<Who, Outcome> NotOnNotice = E(NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound);

    /// <summary>银企对接: the bank's own work; a missing row is not found for the bank, the others are refused first.</summary>
    private static readonly Dictionary<Who, Outcome> BankOnly = E(SignIn, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Ok);
    private static readonly Dictionary<Who, Outcome> BankMissing = E(SignIn, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, NotFound);

    /// <summary>走访 (issue 14 item 1): district officers and the bureau; a missing (or another area's) visit is not there for them.</summary>
    private static readonly Dictionary<Who, Outcome> VisitOfficers = E(SignIn, Forbidden, Ok, Ok, Ok, Forbidden, Forbidden);
    private static readonly Dictionary<Who, Outcome> VisitOfficersMissing = E(SignIn, Forbidden, NotFound, NotFound, NotFound, Forbidden, Forbidden);
    /// <summary>标杆企业 rounds: the government reads them; a missing round is not found for it, the others are refused first.</summary>
    private static readonly Dictionary<Who, Outcome> Government = E(SignIn, Forbidden, Ok, Ok, Ok, Ok, Forbidden);
    private static readonly Dictionary<Who, Outcome> GovernmentMissing = E(SignIn, Forbidden, NotFound, NotFound, NotFound, NotFound, Forbidden);
    /// <summary>提名: the district's; a missing round is not found for it, the others are refused first.</summary>
    private static readonly Dictionary<Who, Outcome> DistrictMissing = E(SignIn, Forbidden, NotFound, Forbidden, Forbidden, Forbidden, Forbidden);
    /// <summary>向上争取 (issue 14 item 2): the government reads; the bureau (reviewers, administrators) writes; enterprises read theirs through /enterprise and the list API; banks nothing.</summary>
    private static readonly Dictionary<Who, Outcome> UpwardReaders = E(SignIn, Forbidden, Ok, Ok, Ok, Ok, Forbidden);
    private static readonly Dictionary<Who, Outcome> UpwardReadersMissing = E(SignIn, Forbidden, NotFound, NotFound, NotFound, NotFound, Forbidden);
    private static readonly Dictionary<Who, Outcome> UpwardWriters = E(SignIn, Forbidden, Forbidden, Ok, Ok, Forbidden, Forbidden);
    private static readonly Dictionary<Who, Outcome> UpwardWritersMissing = E(SignIn, Forbidden, Forbidden, NotFound, NotFound, Forbidden, Forbidden);

    private static Probe P(string method, string route, string @case, Func<TestData, Request> build, Dictionary<Who, Outcome> expected, string? handler = null, bool fresh = false) =>
        new(new EndpointKey(method, route, handler), @case, build, expected, fresh);

    private static Request Get(string path) => new(path);

    private static Dictionary<string, string> Form(params (string Key, string Value)[] fields) => fields.ToDictionary(f => f.Key, f => f.Value);

    /// <summary>A move with a version nobody saw: refused with 409 after the scope check, so nothing changes.</summary>
    private static readonly object StaleMove = new { action = "Submit", comment = (string?)null, version = -1L };

    /// <summary>申报批次 (issue 12): the bureau (reviewers, administrators) opens and closes calls; the others are refused first.</summary>
    private static readonly Dictionary<Who, Outcome> CallWriters = E(SignIn, Forbidden, Forbidden, Ok, Ok, Forbidden, Forbidden);
    private static readonly Dictionary<Who, Outcome> CallWritersMissing = E(SignIn, Forbidden, Forbidden, NotFound, NotFound, Forbidden, Forbidden);
    /// <summary>申报材料 of the own application: who sees the application; for the others (the bank) the files do not exist.</summary>
    private static readonly Dictionary<Who, Outcome> OwnMaterials = E(SignIn, Ok, Ok, Ok, Ok, Ok, NotFound);
    /// <summary>申报材料 of the foreign application: bureau, admin and finance; the others get 404.</summary>
    private static readonly Dictionary<Who, Outcome> ForeignMaterials = E(SignIn, NotFound, NotFound, Ok, Ok, Ok, NotFound);
    /// <summary>Uploads: only the own application's enterprise; those who see it but are not it are refused, the others get 404.</summary>
    private static readonly Dictionary<Who, Outcome> OwnUpload = E(SignIn, Ok, Forbidden, Forbidden, Forbidden, Forbidden, NotFound);
    private static readonly Dictionary<Who, Outcome> ForeignUpload = E(SignIn, NotFound, NotFound, Forbidden, Forbidden, Forbidden, NotFound);

    public static IReadOnlyList<Probe> Probes { get; } =
    [
        // ── public ──────────────────────────────────────────────────────────────────────────────
        P("GET", "/account/signin", "the sign-in page", _ => Get("/account/signin"), Public),
        P("POST", "/account/signin", "wrong credentials (the page shows the error)", _ => new("/account/signin", Form: Form(("UserName", "nobody"), ("Password", "wrong"))), Public),
        // 开通企业账号 (issue 12 item 8): anyone; a wrong code is answered on the page, nothing is created.
        P("GET", "/account/claim", "the claim form", _ => Get("/account/claim"), Public),
        P("POST", "/account/claim", "a wrong invitation code (the page says so, without saying which field)", _ => new("/account/claim",
            Form: Form(("CreditCode", "91350100M000100Y43"), ("Code", "ZZZZ-ZZZZ-ZZZZ-ZZZZ"), ("UserName", "matrix.claim"), ("password", "Abcdefg123"), ("confirm", "Abcdefg123"))), Public),
        P("GET", "/health", "", _ => Get("/health"), Public),
        P("GET", "/notice", "the public notice", _ => Get("/notice"), Public),
        P("GET", "/api/v1/notice", "the public notice", _ => Get("/api/v1/notice"), Public),
        // 提出异议 without signing in (issue 12 item 6): the form of an application on the notice is anyone's; an empty form is
        // refused naming the fields (nothing stored); an application not on the public notice is not found, for everyone.
        P("GET", "/notice/{id:int}/objection", "the own application in notice", d => Get($"/notice/{d.NoticeApplicationId}/objection"), Public),
        P("GET", "/notice/{id:int}/objection", "a draft (not on the notice)", d => Get($"/notice/{d.OwnApplicationId}/objection"), NotOnNotice),
        P("POST", "/notice/{id:int}/objection", "in notice, empty form", d => new($"/notice/{d.NoticeApplicationId}/objection", Form: Form(("Name", ""), ("Contact", ""), ("Reason", ""))), Public),
        P("POST", "/notice/{id:int}/objection", "a draft (not on the notice)", d => new($"/notice/{d.OwnApplicationId}/objection", Form: Form(("Name", ""))), NotOnNotice),
        P("POST", "/notice/{id:int}/objection", "missing", _ => new($"/notice/{Missing}/objection", Form: Form(("Name", ""))), NotOnNotice),
        P("GET", "/openapi/{documentName}.json", "v1", _ => Get("/openapi/v1.json"), Public),
        P("GET", "/scalar/{documentName?}", "the API page", _ => Get("/scalar/v1"), Public),
        P("GET", "/scalar/scalar.js", "", _ => Get("/scalar/scalar.js"), Public),
        P("GET", "/scalar/scalar.aspnetcore.js", "", _ => Get("/scalar/scalar.aspnetcore.js"), Public),
        P("GET", "/scalar/favicon.svg", "", _ => Get("/scalar/favicon.svg"), Public),
        P("GET", "/lang/{code}", "switch to Chinese", _ => Get("/lang/zh?returnUrl=/notice"), Public),
        P("GET", "/error", "the error page", _ => Get("/error"), Public),

        // ── public verification of award decisions (issue 11): anyone holding an award notice checks its code ─────
        // The page answers in place (a malformed code: the reason; an unknown one: not found); the API answers 400 and 404.
        P("GET", "/verify/{code?}", "the form", _ => Get("/verify"), Public),
        P("GET", "/verify/{code?}", "a well-formed code no decision has", _ => Get("/verify/ZZZZ-ZZZZ-ZZZZ"), Public),
        P("GET", "/verify/{code?}", "a malformed code (the page says why)", _ => Get("/verify?code=12345"), Public),
        P("GET", "/api/v1/verify/{code}", "a well-formed code no decision has", _ => Get("/api/v1/verify/ZZZZ-ZZZZ-ZZZZ"), E(NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound)),
        P("GET", "/api/v1/verify/{code}", "a malformed code (400 with the reason)", _ => Get("/api/v1/verify/12345"), Public),

        // ── signed in, any role ─────────────────────────────────────────────────────────────────
        P("GET", "/", "home (a bank is sent to the library)", _ => Get("/"), SignedIn),
        // The programme dashboard (home of the government roles): its charts as xlsx and its JSON, government only, district scoped.
        P("GET", "/", "dashboard chart as xlsx", _ => Get("/?handler=Xlsx&chart=area"), E(SignIn, Forbidden, Ok, Ok, Ok, Ok, Forbidden), "Xlsx"),
        P("GET", "/", "dashboard, unknown chart", _ => Get("/?handler=Xlsx&chart=nope"), E(SignIn, Forbidden, NotFound, NotFound, NotFound, NotFound, Forbidden), "Xlsx"),
        // ── 消息 (issue 12): everyone signed in reads and marks only their own messages ───────────
        P("GET", "/inbox", "own messages", _ => Get("/inbox"), SignedIn),
        P("GET", "/account/password", "change one's own password", _ => Get("/account/password"), SignedIn),
        P("POST", "/account/password", "a wrong current password (the page says so)", _ => new("/account/password", Form: Form(("current", "not-it"), ("password", "Abcdefg123"), ("confirm", "Abcdefg123"))), SignedIn, fresh: true),
        P("POST", "/inbox", "mark a message that is nobody's read", _ => new("/inbox?handler=Read&id=999999", Form: Form()), Nowhere, "Read"),
        P("POST", "/inbox", "mark all own messages read", _ => new("/inbox?handler=ReadAll", Form: Form()), SignedIn, "ReadAll"),
        P("GET", "/api/v1/programme/progress", "programme progress, district scoped", _ => Get("/api/v1/programme/progress"), E(SignIn, Forbidden, Ok, Ok, Ok, Ok, Forbidden)),
        P("GET", "/account/denied", "", _ => Get("/account/denied"), SignedIn),
        P("GET", "/account/signout", "", _ => Get("/account/signout"), SignedIn),
        // Signing out lands on the sign-in page, whoever you were.
        P("POST", "/account/signout", "", _ => new("/account/signout", Form: Form()), E(SignIn, SignIn, SignIn, SignIn, SignIn, SignIn, SignIn), fresh: true),
        P("GET", "/library", "the list, scoped per role", _ => Get("/library"), SignedIn),
        // 导入项目库 (issue 12 item 8): the bureau's reviewers and administrators; an empty form is answered on the page.
        P("GET", "/library/import", "the import page", _ => Get("/library/import"), BureauReaders),
        P("GET", "/library/import", "the template", _ => Get("/library/import?handler=Template"), BureauReaders, "Template"),
        P("POST", "/library/import", "no file (the page says so)", _ => new("/library/import", Form: Form()), BureauReaders),
        P("GET", "/api/v1/projects", "the list, scoped per role", _ => Get("/api/v1/projects"), SignedIn),

        // ── project rows ────────────────────────────────────────────────────────────────────────
        P("GET", "/library/projects/{id:int}", "own", d => Get($"/library/projects/{d.OwnProjectId}"), OwnProject),
        P("GET", "/library/projects/{id:int}", "foreign", d => Get($"/library/projects/{d.ForeignProjectId}"), Foreign),
        P("GET", "/library/projects/{id:int}", "neighbour", d => Get($"/library/projects/{d.NeighbourProjectId}"), Neighbour),
        P("GET", "/library/projects/{id:int}", "missing", _ => Get($"/library/projects/{Missing}"), Nowhere),
        P("GET", "/api/v1/projects/{id:int}/evaluation", "own", d => Get($"/api/v1/projects/{d.OwnProjectId}/evaluation?year=2025"), OwnProject),
        P("GET", "/api/v1/projects/{id:int}/evaluation", "foreign", d => Get($"/api/v1/projects/{d.ForeignProjectId}/evaluation?year=2025"), Foreign),
        P("GET", "/api/v1/projects/{id:int}/evaluation", "neighbour", d => Get($"/api/v1/projects/{d.NeighbourProjectId}/evaluation?year=2025"), Neighbour),
        P("GET", "/api/v1/projects/{id:int}/evaluation", "missing", _ => Get($"/api/v1/projects/{Missing}/evaluation"), Nowhere),

        // ── applications ────────────────────────────────────────────────────────────────────────
        P("GET", "/applications", "the list (banks see no applications)", _ => Get("/applications"), NotBank),
        P("GET", "/api/v1/applications", "the list (banks see no applications)", _ => Get("/api/v1/applications"), NotBank),
        P("GET", "/applications/new", "", _ => Get("/applications/new"), EnterpriseOnly),
        P("POST", "/applications/new", "year out of range (the page shows why)", _ => new("/applications/new", Form: Form(("Scheme", "TechRenovation"), ("Year", "2099"))), EnterpriseOnly),
        P("POST", "/api/v1/applications", "year out of range (400 for the enterprise)",
            _ => new("/api/v1/applications", Json: new { scheme = "TechRenovation", year = 2099 }), EnterpriseOnly),
        P("GET", "/applications/{id:int}", "own", d => Get($"/applications/{d.OwnApplicationId}"), OwnApplication),
        P("GET", "/applications/{id:int}", "foreign", d => Get($"/applications/{d.ForeignApplicationId}"), Foreign),
        P("GET", "/applications/{id:int}", "missing", _ => Get($"/applications/{Missing}"), Nowhere),
        P("GET", "/api/v1/applications/{id:int}", "own", d => Get($"/api/v1/applications/{d.OwnApplicationId}"), OwnApplication),
        P("GET", "/api/v1/applications/{id:int}", "foreign", d => Get($"/api/v1/applications/{d.ForeignApplicationId}"), Foreign),
        P("GET", "/api/v1/applications/{id:int}", "missing", _ => Get($"/api/v1/applications/{Missing}"), Nowhere),
        P("GET", "/applications/{id:int}", "own, a record it does not have", d => Get($"/applications/{d.OwnApplicationId}?handler=Declaration&record={Missing}"),
            E(SignIn, NotFound, NotFound, NotFound, NotFound, NotFound, Forbidden), "Declaration"),
        P("GET", "/applications/{id:int}", "foreign, a record it does not have", d => Get($"/applications/{d.ForeignApplicationId}?handler=Declaration&record={Missing}"),
            E(SignIn, Forbidden, Forbidden, NotFound, NotFound, NotFound, Forbidden), "Declaration"),
        P("GET", "/api/v1/applications/{id:int}/declarations", "own", d => Get($"/api/v1/applications/{d.OwnApplicationId}/declarations"), OwnApplication),
        P("GET", "/api/v1/applications/{id:int}/declarations", "foreign", d => Get($"/api/v1/applications/{d.ForeignApplicationId}/declarations"), Foreign),
        P("GET", "/api/v1/applications/{id:int}/declarations", "missing", _ => Get($"/api/v1/applications/{Missing}/declarations"), Nowhere),
        P("POST", "/applications/{id:int}", "own, stale version", d => new($"/applications/{d.OwnApplicationId}?handler=Move", Form: Form(("action", "Submit"), ("version", "-1"))), OwnApplication, "Move"),
        P("POST", "/applications/{id:int}", "foreign, stale version", d => new($"/applications/{d.ForeignApplicationId}?handler=Move", Form: Form(("action", "Submit"), ("version", "-1"))), Foreign, "Move"),
        P("POST", "/applications/{id:int}", "missing", _ => new($"/applications/{Missing}?handler=Move", Form: Form(("action", "Submit"), ("version", "-1"))), Nowhere, "Move"),
        P("POST", "/api/v1/applications/{id:int}/moves", "own, stale version", d => new($"/api/v1/applications/{d.OwnApplicationId}/moves", Json: StaleMove), OwnApplication),
        P("POST", "/api/v1/applications/{id:int}/moves", "foreign, stale version", d => new($"/api/v1/applications/{d.ForeignApplicationId}/moves", Json: StaleMove), Foreign),
        P("POST", "/api/v1/applications/{id:int}/moves", "missing", _ => new($"/api/v1/applications/{Missing}/moves", Json: StaleMove), Nowhere),
        // Objections: anyone who sees an application in notice may object; an empty objection is refused with a reason.
        P("POST", "/applications/{id:int}", "own in notice, empty objection", d => new($"/applications/{d.NoticeApplicationId}?handler=Objection", Form: Form(("content", ""))), OwnApplication, "Objection"),
        P("POST", "/applications/{id:int}", "foreign, empty objection", d => new($"/applications/{d.ForeignApplicationId}?handler=Objection", Form: Form(("content", ""))), Foreign, "Objection"),
        P("POST", "/applications/{id:int}", "missing, objection", _ => new($"/applications/{Missing}?handler=Objection", Form: Form(("content", ""))), Nowhere, "Objection"),
        P("POST", "/api/v1/applications/{id:int}/objections", "own in notice, empty objection", d => new($"/api/v1/applications/{d.NoticeApplicationId}/objections", Json: new { content = "" }), OwnApplication),
        P("POST", "/api/v1/applications/{id:int}/objections", "foreign, empty objection", d => new($"/api/v1/applications/{d.ForeignApplicationId}/objections", Json: new { content = "" }), Foreign),
        P("POST", "/api/v1/applications/{id:int}/objections", "missing", _ => new($"/api/v1/applications/{Missing}/objections", Json: new { content = "" }), Nowhere),
        // Resolving an objection is the bureau's; an empty resolution is refused with a reason.
        P("POST", "/applications/{id:int}", "own in notice, resolve with no text", d => new($"/applications/{d.NoticeApplicationId}?handler=Resolve", Form: Form(("objectionId", d.ObjectionId.ToString()), ("resolution", ""))),
            E(SignIn, Forbidden, Forbidden, Ok, Ok, Forbidden, Forbidden), "Resolve"),
        P("POST", "/applications/{id:int}", "foreign, another application's objection", d => new($"/applications/{d.ForeignApplicationId}?handler=Resolve", Form: Form(("objectionId", d.ObjectionId.ToString()), ("resolution", ""))),
            E(SignIn, Forbidden, Forbidden, NotFound, NotFound, Forbidden, Forbidden), "Resolve"),

        // ── 申报批次 (issue 12): everyone signed in reads the calls; the bureau opens one (an empty form or body is refused
        // with what is missing) and closes one early (a missing id), so nothing changes.
        P("GET", "/calls", "the list", _ => Get("/calls"), SignedIn),
        P("POST", "/calls", "open, empty form (the page says what is missing)", _ => new("/calls?handler=Open", Form: Form()), CallWriters, "Open"),
        P("POST", "/calls", "close a missing call", _ => new("/calls?handler=Close", Form: Form(("id", Missing))), CallWritersMissing, "Close"),
        P("GET", "/calls/{id:int}", "the own application's call", d => Get($"/calls/{d.OwnCallId}"), SignedIn),
        P("GET", "/calls/{id:int}", "missing", _ => Get($"/calls/{Missing}"), Nowhere),
        P("POST", "/calls/{id:int}", "close a missing call", _ => new($"/calls/{Missing}?handler=Close", Form: Form()), CallWritersMissing, "Close"),
        // The call's notice text and contact for objections (issue 12 item 6): the bureau's; an over-long text is refused with the reason.
        P("POST", "/calls/{id:int}", "the own call's notice, text too long", d => new($"/calls/{d.OwnCallId}?handler=Notice", Form: Form(("noticeText", new string('长', 4001)))), CallWriters, "Notice"),
        P("POST", "/calls/{id:int}", "notice of a missing call", _ => new($"/calls/{Missing}?handler=Notice", Form: Form(("noticeText", "x"))), CallWritersMissing, "Notice"),
        P("POST", "/api/v1/calls/{id:int}/notice", "the own call, text too long", d => new($"/api/v1/calls/{d.OwnCallId}/notice", Json: new { text = new string('长', 4001) }), CallWriters),
        P("POST", "/api/v1/calls/{id:int}/notice", "missing", _ => new($"/api/v1/calls/{Missing}/notice", Json: new { text = "x" }), CallWritersMissing),
        P("GET", "/api/v1/calls/", "the list", _ => Get("/api/v1/calls"), SignedIn),
        P("POST", "/api/v1/calls/", "empty body (400 with what is missing)", _ => new("/api/v1/calls", Json: new { }), CallWriters),
        P("POST", "/api/v1/calls/{id:int}/close", "missing", _ => new($"/api/v1/calls/{Missing}/close", Json: new { }), CallWritersMissing),

        // ── 走访与项目征集 (issue 14 item 1): district officers and the bureau record visits and read coverage; another area's
        // or a missing visit is not there; the enterprise answers its own 征集项目 (a stale version: 409, nothing changes).
        P("GET", "/visits", "", _ => Get("/visits"), VisitOfficers),
        P("GET", "/visits/new", "the form", _ => Get("/visits/new"), VisitOfficers),
        P("POST", "/visits/new", "an empty form (the page lists what is missing)", _ => new("/visits/new", Form: Form(("Form.VisitedOn", ""))), VisitOfficers),
        P("GET", "/visits/{id:int}", "the demo district's visit to qiye", d => Get($"/visits/{d.OwnVisitId}"), VisitOfficers),
        P("GET", "/visits/{id:int}", "missing", _ => Get($"/visits/{Missing}"), VisitOfficersMissing),
        P("POST", "/visits/{id:int}", "done, missing follow-up", d => new($"/visits/{d.OwnVisitId}?handler=Done", Form: Form(("followUp", Missing), ("version", "1"))), VisitOfficersMissing, "Done"),
        P("GET", "/visits/coverage", "", _ => Get("/visits/coverage"), VisitOfficers),
        P("GET", "/visits/coverage", "as xlsx", _ => Get("/visits/coverage?handler=Xlsx"), VisitOfficers, "Xlsx"),
        P("GET", "/enterprise/collected", "", _ => Get("/enterprise/collected"), EnterpriseOnly),
        P("POST", "/enterprise/collected", "confirm, stale version", d => new("/enterprise/collected?handler=Confirm", Form: Form(("id", d.OwnDraftId.ToString()), ("version", "-1"))), EnterpriseOnly, "Confirm"),
        P("POST", "/enterprise/collected", "decline, missing", _ => new("/enterprise/collected?handler=Decline", Form: Form(("id", Missing), ("version", "1"), ("reason", "无"))), EnterpriseMissing, "Decline"),
        P("GET", "/api/v1/visits/", "", _ => Get("/api/v1/visits"), VisitOfficers),
        P("POST", "/api/v1/visits/", "empty body (400 with what is missing)", _ => new("/api/v1/visits", Json: new { }), VisitOfficers),
        P("GET", "/api/v1/visits/{id:int}", "the demo district's visit to qiye", d => Get($"/api/v1/visits/{d.OwnVisitId}"), VisitOfficers),
        P("GET", "/api/v1/visits/{id:int}", "missing", _ => Get($"/api/v1/visits/{Missing}"), VisitOfficersMissing),
        P("GET", "/api/v1/visits/coverage", "", _ => Get("/api/v1/visits/coverage"), VisitOfficers),
        P("POST", "/api/v1/visits/follow-ups/{id:int}/done", "missing", _ => new($"/api/v1/visits/follow-ups/{Missing}/done", Json: new { version = 1 }), VisitOfficersMissing),
        P("GET", "/api/v1/visits/drafts", "", _ => Get("/api/v1/visits/drafts"), E(SignIn, Ok, Ok, Ok, Ok, Forbidden, Forbidden)),
        P("POST", "/api/v1/visits/drafts/{id:int}/confirm", "the demo draft, stale version", d => new($"/api/v1/visits/drafts/{d.OwnDraftId}/confirm", Json: new { version = -1 }), EnterpriseOnly),
        P("POST", "/api/v1/visits/drafts/{id:int}/decline", "missing", _ => new($"/api/v1/visits/drafts/{Missing}/decline", Json: new { version = 1, reason = "无" }), EnterpriseMissing),

        // ── 银企对接 (issue 12 item 7): a bank reads the needs and records its interest and outcomes; the government reads
        // the records of its scope; an enterprise is sent to its own page. A record of another bank, like a missing one, is
        // not there (404); the others are refused before any lookup. Moves name a missing record, so nothing changes.
        P("GET", "/financing", "the needs (bank), the counts (government); an enterprise is sent to /enterprise", _ => Get("/financing"), SignedIn),
        P("GET", "/financing", "filtered, page 2", _ => Get("/financing?Area=%E6%98%86%E5%B1%B1%E5%BC%80%E5%8F%91%E5%8C%BA&Min=1&Max=99999&p=2"), SignedIn),
        P("POST", "/financing", "interest in a missing project", _ => new("/financing?handler=Interest", Form: Form(("projectId", Missing))), BankMissing, "Interest"),
        P("POST", "/financing", "interest in a project without a financing need", d => new("/financing?handler=Interest", Form: Form(("projectId", d.ForeignProjectId.ToString()))),
            E(SignIn, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden), "Interest"),
        P("GET", "/financing/{id:int}", "missing", _ => Get($"/financing/{Missing}"), Nowhere),
        P("POST", "/financing/{id:int}", "contact, missing", _ => new($"/financing/{Missing}?handler=Contact", Form: Form(("version", "1"), ("note", "已联系"))), BankMissing, "Contact"),
        P("POST", "/financing/{id:int}", "decline, missing", _ => new($"/financing/{Missing}?handler=Decline", Form: Form(("version", "1"), ("reason", "无"))), BankMissing, "Decline"),
        P("POST", "/financing/{id:int}", "sign, missing", _ => new($"/financing/{Missing}?handler=Sign", Form: Form(("version", "1"), ("Sign.Principal", "1000000"),
            ("Sign.RatePercent", "3.2"), ("Sign.IssuedOn", "2026-03-01"), ("Sign.MaturesOn", "2029-03-01"), ("Sign.Category", "EquipmentRenewal"))), BankMissing, "Sign"),
        P("GET", "/api/v1/financing/needs", "the bank's needs", _ => Get("/api/v1/financing/needs"), BankOnly),
        P("GET", "/api/v1/financing/matches", "the records of one's scope", _ => Get("/api/v1/financing/matches"), SignedIn),
        P("GET", "/api/v1/financing/matches/{id:int}", "missing", _ => Get($"/api/v1/financing/matches/{Missing}"), Nowhere),
        P("POST", "/api/v1/financing/matches", "interest in a missing project", _ => new("/api/v1/financing/matches", Json: new { projectId = int.Parse(Missing, System.Globalization.CultureInfo.InvariantCulture) }), BankMissing),
        P("POST", "/api/v1/financing/matches/{id:int}/contact", "missing", _ => new($"/api/v1/financing/matches/{Missing}/contact", Json: new { version = 1, note = "已联系" }), BankMissing),
        P("POST", "/api/v1/financing/matches/{id:int}/decline", "missing", _ => new($"/api/v1/financing/matches/{Missing}/decline", Json: new { version = 1, reason = "无" }), BankMissing),
        P("POST", "/api/v1/financing/matches/{id:int}/sign", "missing", _ => new($"/api/v1/financing/matches/{Missing}/sign", Json: new { version = 1, principal = 1_000_000m,
            ratePercent = 3.2m, issuedOn = "2026-03-01", maturesOn = "2029-03-01", category = "EquipmentRenewal" }), BankMissing),

        // ── 标杆企业 (issue 14 item 3): the published selection is anyone's; the rounds are the government's (the bureau
        // writes them, scores and selects; a district nominates); the consent is the selected enterprise's. Every write
        // names a missing row, so nothing changes; the others are refused before any lookup.
        P("GET", "/benchmarks", "the published selection", _ => Get("/benchmarks"), Public),
        P("GET", "/benchmarks/{id:int}", "missing (or not published)", _ => Get($"/benchmarks/{Missing}"), NotOnNotice),
        P("GET", "/api/v1/benchmarks/", "the published selection", _ => Get("/api/v1/benchmarks"), Public),
        P("GET", "/api/v1/benchmarks/{id:int}", "missing (or not published)", _ => Get($"/api/v1/benchmarks/{Missing}"), NotOnNotice),
        P("GET", "/benchmarks/rounds", "the rounds", _ => Get("/benchmarks/rounds"), Government),
        P("POST", "/benchmarks/rounds", "an empty round (the page says what is missing)", _ => new("/benchmarks/rounds?handler=Create", Form: Form(("Form.Name", ""))), CallWriters, "Create"),
        P("GET", "/benchmarks/rounds/{id:int}", "missing", _ => Get($"/benchmarks/rounds/{Missing}"), GovernmentMissing),
        P("POST", "/benchmarks/rounds/{id:int}", "edit, missing", _ => new($"/benchmarks/rounds/{Missing}?handler=Edit", Form: Form(("version", "1"), ("Form.Name", "x"))), CallWritersMissing, "Edit"),
        P("POST", "/benchmarks/rounds/{id:int}", "open, missing", _ => new($"/benchmarks/rounds/{Missing}?handler=Open", Form: Form(("version", "1"))), CallWritersMissing, "Open"),
        P("POST", "/benchmarks/rounds/{id:int}", "close, missing", _ => new($"/benchmarks/rounds/{Missing}?handler=Close", Form: Form(("version", "1"))), CallWritersMissing, "Close"),
        P("POST", "/benchmarks/rounds/{id:int}", "publish, missing", _ => new($"/benchmarks/rounds/{Missing}?handler=Publish", Form: Form(("version", "1"))), CallWritersMissing, "Publish"),
        P("POST", "/benchmarks/rounds/{id:int}", "withdraw, missing", _ => new($"/benchmarks/rounds/{Missing}?handler=Withdraw", Form: Form(("version", "1"), ("reason", "x"))), CallWritersMissing, "Withdraw"),
        P("POST", "/benchmarks/rounds/{id:int}", "score, missing", _ => new($"/benchmarks/rounds/{Missing}?handler=Score", Form: Form(("nominationId", Missing), ("criterionId", Missing), ("score", "1"), ("reason", "x"))), CallWritersMissing, "Score"),
        P("POST", "/benchmarks/rounds/{id:int}", "select, missing", _ => new($"/benchmarks/rounds/{Missing}?handler=Select", Form: Form(("nominationId", Missing), ("version", "1"), ("reason", "x"))), CallWritersMissing, "Select"),
        P("POST", "/benchmarks/rounds/{id:int}", "unselect, missing", _ => new($"/benchmarks/rounds/{Missing}?handler=Unselect", Form: Form(("nominationId", Missing), ("version", "1"))), CallWritersMissing, "Unselect"),
        P("GET", "/benchmarks/rounds/{id:int}/nominate", "missing", _ => Get($"/benchmarks/rounds/{Missing}/nominate"), DistrictMissing),
        P("POST", "/benchmarks/rounds/{id:int}/nominate", "missing", _ => new($"/benchmarks/rounds/{Missing}/nominate", Form: Form(("enterpriseId", Missing), ("reason", "x"), ("targets", "y"))), DistrictMissing),
        P("GET", "/benchmarks/consent", "the own selections", _ => Get("/benchmarks/consent"), EnterpriseOnly),
        P("POST", "/benchmarks/consent", "missing", _ => new("/benchmarks/consent", Form: Form(("nominationId", Missing), ("version", "1"))), EnterpriseMissing),
        P("GET", "/api/v1/benchmarks/rounds", "the rounds", _ => Get("/api/v1/benchmarks/rounds"), Government),
        P("GET", "/api/v1/benchmarks/rounds/{id:int}", "missing", _ => Get($"/api/v1/benchmarks/rounds/{Missing}"), Nowhere),
        P("POST", "/api/v1/benchmarks/rounds", "empty body (400 with what is missing)", _ => new("/api/v1/benchmarks/rounds", Json: new { }), CallWriters),
        P("PUT", "/api/v1/benchmarks/rounds/{id:int}", "missing", _ => new($"/api/v1/benchmarks/rounds/{Missing}", Json: new { version = 1, name = "x" }), CallWritersMissing),
        P("POST", "/api/v1/benchmarks/rounds/{id:int}/open", "missing", _ => new($"/api/v1/benchmarks/rounds/{Missing}/open", Json: new { version = 1 }), CallWritersMissing),
        P("POST", "/api/v1/benchmarks/rounds/{id:int}/close", "missing", _ => new($"/api/v1/benchmarks/rounds/{Missing}/close", Json: new { version = 1 }), CallWritersMissing),
        P("POST", "/api/v1/benchmarks/rounds/{id:int}/publish", "missing", _ => new($"/api/v1/benchmarks/rounds/{Missing}/publish", Json: new { version = 1 }), CallWritersMissing),
        P("POST", "/api/v1/benchmarks/rounds/{id:int}/withdraw", "missing", _ => new($"/api/v1/benchmarks/rounds/{Missing}/withdraw", Json: new { version = 1, reason = "x" }), CallWritersMissing),
        P("GET", "/api/v1/benchmarks/rounds/{id:int}/nominations", "missing", _ => Get($"/api/v1/benchmarks/rounds/{Missing}/nominations"), Nowhere),
        P("POST", "/api/v1/benchmarks/rounds/{id:int}/nominations", "missing", _ => new($"/api/v1/benchmarks/rounds/{Missing}/nominations", Json: new { enterpriseId = 1, reason = "x", targets = "y", projects = new[] { 1 } }), DistrictMissing),
        P("GET", "/api/v1/benchmarks/nominations/{id:int}", "missing", _ => Get($"/api/v1/benchmarks/nominations/{Missing}"), Nowhere),
        P("POST", "/api/v1/benchmarks/nominations/{id:int}/scores", "missing", _ => new($"/api/v1/benchmarks/nominations/{Missing}/scores", Json: new { criterionId = 1, score = 1, reason = "x" }), CallWritersMissing),
        P("POST", "/api/v1/benchmarks/nominations/{id:int}/select", "missing", _ => new($"/api/v1/benchmarks/nominations/{Missing}/select", Json: new { version = 1, reason = "x" }), CallWritersMissing),
        P("POST", "/api/v1/benchmarks/nominations/{id:int}/unselect", "missing", _ => new($"/api/v1/benchmarks/nominations/{Missing}/unselect", Json: new { version = 1 }), CallWritersMissing),
        P("GET", "/api/v1/benchmarks/consent", "the own selections", _ => Get("/api/v1/benchmarks/consent"), EnterpriseOnly),
        P("POST", "/api/v1/benchmarks/nominations/{id:int}/consent", "missing", _ => new($"/api/v1/benchmarks/nominations/{Missing}/consent", Json: new { version = 1 }), EnterpriseMissing),
        // ── 核查名单 and 拨付前核查 (issue 14 item 4): the bureau writes the registers, finance reads them; a district, an
        // enterprise and a bank are refused. Empty forms and bodies are refused with what is missing, so nothing is stored.
        P("GET", "/checks", "the registers", _ => Get("/checks"), AuditReaders),
        P("GET", "/checks", "a template", _ => Get("/checks?handler=Template&kind=funding"), AuditReaders, "Template"),
        P("POST", "/checks", "an empty register entry (the page says what is missing)", _ => new("/checks?handler=Credit", Form: Form()), BureauReaders, "Credit"),
        P("POST", "/checks", "lift a missing entry", _ => new("/checks?handler=Lift", Form: Form(("id", Missing), ("version", "1"), ("liftedOn", "2026-03-01"))), BureauMissing, "Lift"),
        P("POST", "/checks", "an empty funding entry", _ => new("/checks?handler=Funding", Form: Form()), BureauReaders, "Funding"),
        P("POST", "/checks", "import without a file", _ => new("/checks?handler=Import", Form: Form(("kind", "credit"))), BureauReaders, "Import"),
        P("GET", "/api/v1/checks/register", "the register", _ => Get("/api/v1/checks/register"), AuditReaders),
        P("POST", "/api/v1/checks/register", "empty body (400 with what is missing)", _ => new("/api/v1/checks/register", Json: new { }), BureauReaders),
        P("POST", "/api/v1/checks/register/{id:int}/lift", "missing", _ => new($"/api/v1/checks/register/{Missing}/lift", Json: new { version = 1, liftedOn = "2026-03-01" }), BureauMissing),
        P("GET", "/api/v1/checks/funding", "the funding register", _ => Get("/api/v1/checks/funding"), AuditReaders),
        P("POST", "/api/v1/checks/funding", "empty body", _ => new("/api/v1/checks/funding", Json: new { }), BureauReaders),
        P("POST", "/api/v1/checks/import", "not a form (400)", _ => new("/api/v1/checks/import", Json: new { }), BureauReaders),
        P("GET", "/api/v1/checks/templates/{kind}", "register", _ => Get("/api/v1/checks/templates/register"), AuditReaders),
        P("GET", "/api/v1/applications/{id:int}/checks", "own", d => Get($"/api/v1/applications/{d.OwnApplicationId}/checks"), OwnApplication),
        P("GET", "/api/v1/applications/{id:int}/checks", "foreign", d => Get($"/api/v1/applications/{d.ForeignApplicationId}/checks"), Foreign),
        P("GET", "/api/v1/applications/{id:int}/checks", "missing", _ => Get($"/api/v1/applications/{Missing}/checks"), Nowhere),
        // 核准放行: the bureau only (an empty reason is refused with the reason); the district and the enterprise are refused.
        P("POST", "/api/v1/applications/{id:int}/checks/overrides", "own, no reason", d => new($"/api/v1/applications/{d.OwnApplicationId}/checks/overrides", Json: new { rule = "S-1", entryKey = "credit:1" }), BureauReaders),
        P("POST", "/api/v1/applications/{id:int}/checks/overrides", "missing", _ => new($"/api/v1/applications/{Missing}/checks/overrides", Json: new { rule = "S-1" }), E(SignIn, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound)),
        P("POST", "/applications/{id:int}", "own, override with no reason", d => new($"/applications/{d.OwnApplicationId}?handler=Override", Form: Form(("rule", "S-1"), ("entryKey", "credit:1"), ("reason", ""))), BureauReaders, "Override"),
        P("POST", "/applications/{id:int}", "foreign, override with no reason", d => new($"/applications/{d.ForeignApplicationId}?handler=Override", Form: Form(("rule", "S-1"), ("entryKey", "credit:1"), ("reason", ""))), BureauReaders, "Override"),
        // 设备发票: read by who sees the application; written by its enterprise only (an empty number is refused).
        P("GET", "/api/v1/applications/{id:int}/invoices", "own", d => Get($"/api/v1/applications/{d.OwnApplicationId}/invoices"), OwnApplication),
        P("GET", "/api/v1/applications/{id:int}/invoices", "foreign", d => Get($"/api/v1/applications/{d.ForeignApplicationId}/invoices"), Foreign),
        P("POST", "/api/v1/applications/{id:int}/invoices", "own, no number", d => new($"/api/v1/applications/{d.OwnApplicationId}/invoices", Json: new { amount = 1 }), EnterpriseOnly),
        P("DELETE", "/api/v1/applications/{id:int}/invoices/{invoiceId:int}", "own, a missing invoice", d => new($"/api/v1/applications/{d.OwnApplicationId}/invoices/{Missing}"), EnterpriseMissing),
        P("POST", "/applications/{id:int}", "own, invoice with no number", d => new($"/applications/{d.OwnApplicationId}?handler=Invoice", Form: Form(("number", ""), ("amount", "1"))), EnterpriseOnly, "Invoice"),
        P("POST", "/applications/{id:int}", "own, remove a missing invoice", d => new($"/applications/{d.OwnApplicationId}?handler=RemoveInvoice", Form: Form(("invoiceId", Missing))), EnterpriseMissing, "RemoveInvoice"),
        // ── 向上争取 (issue 14 item 2): the government reads /upward and the programmes; the bureau recommends, moves and
        // keeps the programmes (district and finance are refused by the handler, enterprise and bank by the policy); the list
        // API gives an enterprise its own projects' and a bank nothing. Writes carry a missing id or an invalid value.
        P("GET", "/upward", "the list, counts and sums per programme", _ => Get("/upward"), UpwardReaders),
        P("GET", "/upward", "filtered, the form prefilled", _ => Get("/upward?Programme=2&Status=Approved&Year=2026&Area=%E6%98%86%E5%B1%B1%E5%BC%80%E5%8F%91%E5%8C%BA&project=X"), UpwardReaders),
        P("POST", "/upward", "recommend a project that does not exist", _ => new("/upward?handler=Recommend", Form: Form(("programmeId", "2"), ("project", "不存在的项目"), ("year", "2026"), ("reason", "x"))), UpwardWriters, "Recommend"),
        P("GET", "/upward/{id:int}", "missing", _ => Get($"/upward/{Missing}"), UpwardReadersMissing),
        P("POST", "/upward/{id:int}", "accept, missing", _ => new($"/upward/{Missing}?handler=Accept", Form: Form(("version", "1"))), UpwardWritersMissing, "Accept"),
        P("POST", "/upward/{id:int}", "approve, missing", _ => new($"/upward/{Missing}?handler=Approve", Form: Form(("version", "1"), ("amount", "1000"), ("approvedOn", "2026-03-01"), ("documentNumber", "文"))), UpwardWritersMissing, "Approve"),
        P("POST", "/upward/{id:int}", "reject, missing", _ => new($"/upward/{Missing}?handler=Reject", Form: Form(("version", "1"), ("reason", "无"))), UpwardWritersMissing, "Reject"),
        P("POST", "/upward/{id:int}", "withdraw, missing", _ => new($"/upward/{Missing}?handler=Withdraw", Form: Form(("version", "1"), ("reason", "无"))), UpwardWritersMissing, "Withdraw"),
        P("GET", "/upward/programmes", "the programmes", _ => Get("/upward/programmes"), UpwardReaders),
        P("POST", "/upward/programmes", "a share that is not a number", _ => new("/upward/programmes?handler=Save", Form: Form(("form.Name", "矩阵项目"), ("form.Level", "Province"), ("form.MatchingShare", "abc"))), UpwardWriters, "Save"),
        P("GET", "/api/v1/upward/programmes", "the programmes", _ => Get("/api/v1/upward/programmes"), UpwardReaders),
        P("POST", "/api/v1/upward/programmes", "empty body (400 with what is missing)", _ => new("/api/v1/upward/programmes", Json: new { }), UpwardWriters),
        P("POST", "/api/v1/upward/programmes/{id:int}", "missing", _ => new($"/api/v1/upward/programmes/{Missing}", Json: new { version = 1, name = "矩阵项目", level = "Province", matchingShare = 1 }), UpwardWritersMissing),
        P("GET", "/api/v1/upward/recommendations", "the recommendations of one's scope", _ => Get("/api/v1/upward/recommendations"), E(SignIn, Ok, Ok, Ok, Ok, Ok, Forbidden)),
        P("GET", "/api/v1/upward/recommendations/{id:int}", "missing", _ => Get($"/api/v1/upward/recommendations/{Missing}"), Nowhere),
        P("POST", "/api/v1/upward/recommendations", "a missing project", _ => new("/api/v1/upward/recommendations", Json: new { programmeId = 2, projectId = int.Parse(Missing, System.Globalization.CultureInfo.InvariantCulture), year = 2026, reason = "x" }), UpwardWritersMissing),
        P("POST", "/api/v1/upward/recommendations/{id:int}/accept", "missing", _ => new($"/api/v1/upward/recommendations/{Missing}/accept", Json: new { version = 1 }), UpwardWritersMissing),
        P("POST", "/api/v1/upward/recommendations/{id:int}/approve", "missing", _ => new($"/api/v1/upward/recommendations/{Missing}/approve", Json: new { version = 1, amount = 1000m, approvedOn = "2026-03-01", documentNumber = "文" }), UpwardWritersMissing),
        P("POST", "/api/v1/upward/recommendations/{id:int}/reject", "missing", _ => new($"/api/v1/upward/recommendations/{Missing}/reject", Json: new { version = 1, reason = "无" }), UpwardWritersMissing),
        P("POST", "/api/v1/upward/recommendations/{id:int}/withdraw", "missing", _ => new($"/api/v1/upward/recommendations/{Missing}/withdraw", Json: new { version = 1, reason = "无" }), UpwardWritersMissing),

        // ── 申报材料 (issue 12): read by those who see the application, 404 for the others (a file of another application
        // is not found under this one); uploaded by its enterprise only — the probes carry no file, so nothing is stored.
        P("GET", "/applications/{id:int}/materials/{materialId:int?}", "own, its file", d => Get($"/applications/{d.OwnApplicationId}/materials/{d.OwnMaterialId}"), OwnMaterials),
        P("GET", "/applications/{id:int}/materials/{materialId:int?}", "foreign, its file", d => Get($"/applications/{d.ForeignApplicationId}/materials/{d.ForeignMaterialId}"), ForeignMaterials),
        P("GET", "/applications/{id:int}/materials/{materialId:int?}", "own, the foreign application's file", d => Get($"/applications/{d.OwnApplicationId}/materials/{d.ForeignMaterialId}"), Nowhere),
        P("GET", "/applications/{id:int}/materials/{materialId:int?}", "missing", _ => Get($"/applications/{Missing}/materials/{Missing}"), Nowhere),
        P("GET", "/applications/{id:int}/materials/{materialId:int?}", "own, no file named (back to the application)", d => Get($"/applications/{d.OwnApplicationId}/materials"), OwnMaterials),
        P("POST", "/applications/{id:int}/materials/{materialId:int?}", "own, no file (the page says so)", d => new($"/applications/{d.OwnApplicationId}/materials", Form: Form(("material", "0"))), OwnUpload),
        P("POST", "/applications/{id:int}/materials/{materialId:int?}", "foreign, no file", d => new($"/applications/{d.ForeignApplicationId}/materials", Form: Form(("material", "0"))), ForeignUpload),
        P("POST", "/applications/{id:int}/materials/{materialId:int?}", "missing", _ => new($"/applications/{Missing}/materials", Form: Form(("material", "0"))), Nowhere),
        P("GET", "/api/v1/applications/{id:int}/materials", "own", d => Get($"/api/v1/applications/{d.OwnApplicationId}/materials"), OwnMaterials),
        P("GET", "/api/v1/applications/{id:int}/materials", "foreign", d => Get($"/api/v1/applications/{d.ForeignApplicationId}/materials"), ForeignMaterials),
        P("GET", "/api/v1/applications/{id:int}/materials", "missing", _ => Get($"/api/v1/applications/{Missing}/materials"), Nowhere),
        P("POST", "/api/v1/applications/{id:int}/materials", "own, not multipart (400)", d => new($"/api/v1/applications/{d.OwnApplicationId}/materials", Json: new { }), OwnUpload),
        P("POST", "/api/v1/applications/{id:int}/materials", "foreign, not multipart", d => new($"/api/v1/applications/{d.ForeignApplicationId}/materials", Json: new { }), ForeignUpload),
        P("POST", "/api/v1/applications/{id:int}/materials", "missing", _ => new($"/api/v1/applications/{Missing}/materials", Json: new { }), Nowhere),
        P("GET", "/api/v1/applications/{id:int}/materials/{materialId:int}", "own, its file", d => Get($"/api/v1/applications/{d.OwnApplicationId}/materials/{d.OwnMaterialId}"), OwnMaterials),
        P("GET", "/api/v1/applications/{id:int}/materials/{materialId:int}", "foreign, its file", d => Get($"/api/v1/applications/{d.ForeignApplicationId}/materials/{d.ForeignMaterialId}"), ForeignMaterials),
        P("GET", "/api/v1/applications/{id:int}/materials/{materialId:int}", "own, the foreign application's file", d => Get($"/api/v1/applications/{d.OwnApplicationId}/materials/{d.ForeignMaterialId}"), Nowhere),

        // ── budget and what-if simulation: bureau and finance (ADR-009); runs are read-only, saves carry no name ───
        P("GET", "/budget", "", _ => Get("/budget"), AuditReaders),
        P("GET", "/budget", "a chart as xlsx", _ => Get("/budget?handler=Xlsx&chart=forecast-by-level"), AuditReaders, "Xlsx"),
        P("GET", "/api/v1/budget", "", _ => Get("/api/v1/budget"), AuditReaders),
        P("GET", "/simulate", "a preset run (read-only)", _ => Get("/simulate?year=2025&set=loan.kunshan.rate%3D0.015"), AuditReaders),
        P("GET", "/simulate", "a chart as xlsx", _ => Get("/simulate?handler=Xlsx&chart=by-area&year=2025&set=effective_investment.rate%3D0.10"), AuditReaders, "Xlsx"),
        P("POST", "/simulate", "a bad value (the page names the parameter)", _ => new("/simulate", Form: Form(("year", "2025"), ("p:loan.kunshan.rate", "abc"))), AuditReaders),
        P("POST", "/simulate", "save without a name (the page says so)", _ => new("/simulate?handler=Save", Form: Form(("year", "2025"), ("set", "effective_investment.rate=0.10"))), AuditReaders, "Save"),
        P("GET", "/simulate/{id:int}", "saved by the bureau", d => Get($"/simulate/{d.SimulationId}"), AuditReaders),
        P("GET", "/simulate/{id:int}", "missing", _ => Get($"/simulate/{Missing}"), E(SignIn, Forbidden, Forbidden, NotFound, NotFound, NotFound, Forbidden)),
        P("GET", "/simulate/{id:int}", "a chart as xlsx", d => Get($"/simulate/{d.SimulationId}?handler=Xlsx&chart=by-scheme"), AuditReaders, "Xlsx"),
        // Turning a simulation into a draft revision: bureau administrators only (a missing one, so nothing is drafted here).
        P("POST", "/simulate/{id:int}", "draft a revision from a missing simulation", _ => new($"/simulate/{Missing}?handler=Draft", Form: Form()),
            E(SignIn, Forbidden, Forbidden, Forbidden, NotFound, Forbidden, Forbidden), "Draft"),
        P("POST", "/api/v1/simulations/run", "B rate 10% (read-only)", _ => new("/api/v1/simulations/run", Json: new { year = 2025, overrides = new Dictionary<string, string> { ["effective_investment.rate"] = "0.10" } }), AuditReaders),
        P("POST", "/api/v1/simulations/", "no name (400)", _ => new("/api/v1/simulations", Json: new { year = 2025, overrides = new Dictionary<string, string> { ["effective_investment.rate"] = "0.10" } }), AuditReaders),
        P("GET", "/api/v1/simulations/{id:int}", "saved by the bureau", d => Get($"/api/v1/simulations/{d.SimulationId}"), AuditReaders),
        P("GET", "/api/v1/simulations/{id:int}", "missing", _ => Get($"/api/v1/simulations/{Missing}"), E(SignIn, Forbidden, Forbidden, NotFound, NotFound, NotFound, Forbidden)),

        // ── 政策参数 and the revisions of the rules (issue 11): bureau reviewers read, administrators draft, a second
        // administrator publishes (V-6). The fixture's draft is admin's, so admin's publish is refused (a redirect with the
        // reason on the page, 403 from the API) and nothing changes; forms carry nothing to store; discards name a missing id.
        P("GET", "/rules", "today", _ => Get("/rules"), BureauReaders),
        P("GET", "/rules", "31 December 2025", _ => Get("/rules?year=2025"), BureauReaders),
        P("GET", "/rules/drafts/new", "", _ => Get("/rules/drafts/new"), AdminOnly),
        P("POST", "/rules/drafts/new", "no parameter chosen (the page says so)", _ => new("/rules/drafts/new?handler=Add", Form: Form(("add", ""))), AdminOnly, "Add"),
        P("POST", "/rules/drafts/new", "remove from an empty form", _ => new("/rules/drafts/new?handler=Remove", Form: Form(("remove", "0"))), AdminOnly, "Remove"),
        P("POST", "/rules/drafts/new", "empty form (the page lists what is missing)", _ => new("/rules/drafts/new?handler=Save", Form: Form()), AdminOnly, "Save"),
        P("POST", "/rules/drafts/new", "no file, no text (the page says so)", _ => new("/rules/drafts/new?handler=File", Form: Form(("text", ""))), AdminOnly, "File"),
        P("GET", "/rules/drafts/{id:int}", "admin's draft, with its impact", d => Get($"/rules/drafts/{d.RevisionDraftId}"), BureauReaders),
        P("GET", "/rules/drafts/{id:int}", "missing", _ => Get($"/rules/drafts/{Missing}"), BureauMissing),
        P("POST", "/rules/drafts/{id:int}", "admin's draft, published by its drafter (refused)", d => new($"/rules/drafts/{d.RevisionDraftId}?handler=Publish", Form: Form()), AdminOnly, "Publish"),
        P("POST", "/rules/drafts/{id:int}", "missing, publish", _ => new($"/rules/drafts/{Missing}?handler=Publish", Form: Form()), AdminMissing, "Publish"),
        P("POST", "/rules/drafts/{id:int}", "missing, discard", _ => new($"/rules/drafts/{Missing}?handler=Discard", Form: Form()), AdminMissing, "Discard"),
        P("GET", "/rules/drafts/{id:int}/edit", "admin's draft", d => Get($"/rules/drafts/{d.RevisionDraftId}/edit"), AdminOnly),
        P("GET", "/rules/drafts/{id:int}/edit", "missing", _ => Get($"/rules/drafts/{Missing}/edit"), AdminMissing),
        P("POST", "/rules/drafts/{id:int}/edit", "admin's draft, no parameter chosen", d => new($"/rules/drafts/{d.RevisionDraftId}/edit?handler=Add", Form: Form(("add", ""))), AdminOnly, "Add"),
        P("POST", "/rules/drafts/{id:int}/edit", "admin's draft, remove from an empty form", d => new($"/rules/drafts/{d.RevisionDraftId}/edit?handler=Remove", Form: Form(("remove", "0"))), AdminOnly, "Remove"),
        P("POST", "/rules/drafts/{id:int}/edit", "admin's draft, empty form (refused, unchanged)", d => new($"/rules/drafts/{d.RevisionDraftId}/edit?handler=Save", Form: Form()), AdminOnly, "Save"),
        P("POST", "/rules/drafts/{id:int}/edit", "admin's draft, no file, no text", d => new($"/rules/drafts/{d.RevisionDraftId}/edit?handler=File", Form: Form(("text", ""))), AdminOnly, "File"),
        P("POST", "/rules/drafts/{id:int}/edit", "missing, save", _ => new($"/rules/drafts/{Missing}/edit?handler=Save", Form: Form()), AdminMissing, "Save"),
        P("GET", "/api/v1/rules/parameters", "today", _ => Get("/api/v1/rules/parameters"), BureauReaders),
        P("GET", "/api/v1/rules/revisions", "", _ => Get("/api/v1/rules/revisions"), BureauReaders),
        P("POST", "/api/v1/rules/revisions", "not a revision file (400)", _ => new("/api/v1/rules/revisions", Json: new { }), AdminOnly),
        P("GET", "/api/v1/rules/revisions/{id:int}", "admin's draft", d => Get($"/api/v1/rules/revisions/{d.RevisionDraftId}"), BureauReaders),
        P("GET", "/api/v1/rules/revisions/{id:int}", "missing", _ => Get($"/api/v1/rules/revisions/{Missing}"), BureauMissing),
        P("GET", "/api/v1/rules/revisions/{id:int}/impact", "admin's draft", d => Get($"/api/v1/rules/revisions/{d.RevisionDraftId}/impact"), BureauReaders),
        P("GET", "/api/v1/rules/revisions/{id:int}/impact", "missing", _ => Get($"/api/v1/rules/revisions/{Missing}/impact"), BureauMissing),
        P("POST", "/api/v1/rules/revisions/{id:int}/publish", "admin's draft, by its drafter (403, V-6)", d => new($"/api/v1/rules/revisions/{d.RevisionDraftId}/publish", Json: new { }),
            E(SignIn, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden)),
        P("POST", "/api/v1/rules/revisions/{id:int}/publish", "missing", _ => new($"/api/v1/rules/revisions/{Missing}/publish", Json: new { }), AdminMissing),
        P("POST", "/api/v1/rules/revisions/{id:int}/discard", "missing", _ => new($"/api/v1/rules/revisions/{Missing}/discard", Json: new { }), AdminMissing),

        // ── audit ───────────────────────────────────────────────────────────────────────────────
        P("GET", "/audit", "", _ => Get("/audit"), AuditReaders),
        P("GET", "/audit", "filtered by object type and Beijing days", _ => Get("/audit?Filter.Entity=application&Filter.From=2024-01-01&Filter.To=2030-12-31"), AuditReaders),
        P("GET", "/audit/xlsx", "the filtered entries as xlsx", _ => Get("/audit/xlsx?Filter.Entity=user"), AuditReaders),
        // ── 拨付 (issue 12 item 5): finance and the bureau read payments and batches; only finance records a batch ─────
        P("GET", "/payments", "waiting and batches", _ => Get("/payments"), AuditReaders),
        P("POST", "/payments", "nothing ticked (the page says so)", _ => new("/payments", Form: Form(("paidOn", "2026-01-05"))), FinanceOnly),
        P("GET", "/payments/{id:int}", "missing", _ => Get($"/payments/{Missing}"), PaymentsMissing),
        P("GET", "/payments/{id:int}", "missing, as xlsx", _ => Get($"/payments/{Missing}?handler=Xlsx"), PaymentsMissing, "Xlsx"),
        P("POST", "/api/v1/payment-batches/", "no lines (400 with the reason)", _ => new("/api/v1/payment-batches", Json: new { paidOn = "2026-01-05", lines = Array.Empty<object>() }), FinanceOnly),
        P("GET", "/api/v1/payment-batches/{id:int}", "missing", _ => Get($"/api/v1/payment-batches/{Missing}"), PaymentsMissing),
        P("GET", "/api/v1/payment-batches/{id:int}/xlsx", "missing", _ => Get($"/api/v1/payment-batches/{Missing}/xlsx"), PaymentsMissing),
        P("GET", "/api/v1/audit/verify", "", _ => Get("/api/v1/audit/verify"), AuditReaders),

        // ── the JSON API's antiforgery token (ADR-015): every signed-in user, for its own session ─────────────────────
        P("GET", "/api/v1/antiforgery", "", _ => Get("/api/v1/antiforgery"), SignedIn),

        // ── reports (ADR-011): the public-notice xlsx is as public as /notice; the award notice PDF follows the enterprise's
        // scope (its own enterprise, a district its area, bureau/admin/finance all; never a bank) and is 404 with nothing approved.
        P("GET", "/notice/xlsx", "every year", _ => Get("/notice/xlsx"), Public),
        P("GET", "/notice/xlsx", "one year", _ => Get("/notice/xlsx?year=2024"), Public),
        P("GET", "/reports/award-notice", "own, a year with nothing approved", d => Get($"/reports/award-notice?enterprise={d.DemoEnterpriseId}&year=2027"),
            E(SignIn, NotFound, NotFound, NotFound, NotFound, NotFound, Forbidden)),
        P("GET", "/reports/award-notice", "another enterprise in the district, nothing approved in 2024", d => Get($"/reports/award-notice?enterprise={d.JiaEnterpriseId}&year=2024"),
            E(SignIn, Forbidden, NotFound, NotFound, NotFound, NotFound, Forbidden)),
        P("GET", "/reports/award-notice", "missing enterprise", _ => Get($"/reports/award-notice?enterprise={Missing}&year=2025"),
            E(SignIn, NotFound, NotFound, NotFound, NotFound, NotFound, Forbidden)),

        // ── enterprise self-service: only an enterprise user, only its own rows ─────────────────
        P("GET", "/enterprise", "my enterprise", _ => Get("/enterprise"), EnterpriseOnly),
        P("GET", "/enterprise/projects/new", "", _ => Get("/enterprise/projects/new"), EnterpriseOnly),
        P("POST", "/enterprise/projects/new", "empty form (the page lists what is missing)", _ => new("/enterprise/projects/new", Form: Form()), EnterpriseOnly),
        P("GET", "/enterprise/projects/{id:int}/edit", "own", d => Get($"/enterprise/projects/{d.OwnProjectId}/edit"), EnterpriseOnly),
        P("GET", "/enterprise/projects/{id:int}/edit", "foreign", d => Get($"/enterprise/projects/{d.ForeignProjectId}/edit"),
            EnterpriseNever),
        P("GET", "/enterprise/projects/{id:int}/edit", "missing", _ => Get($"/enterprise/projects/{Missing}/edit"),
            EnterpriseMissing),
        P("POST", "/enterprise/projects/{id:int}/edit", "own, empty form", d => new($"/enterprise/projects/{d.OwnProjectId}/edit", Form: Form()), EnterpriseOnly),
        P("POST", "/enterprise/projects/{id:int}/edit", "foreign, empty form", d => new($"/enterprise/projects/{d.ForeignProjectId}/edit", Form: Form()),
            EnterpriseNever),
        P("GET", "/enterprise/projects/{id:int}/report", "own", d => Get($"/enterprise/projects/{d.OwnProjectId}/report"), EnterpriseOnly),
        P("GET", "/enterprise/projects/{id:int}/report", "foreign", d => Get($"/enterprise/projects/{d.ForeignProjectId}/report"), EnterpriseNever),
        P("GET", "/enterprise/projects/{id:int}/report", "missing", _ => Get($"/enterprise/projects/{Missing}/report"), EnterpriseMissing),
        P("POST", "/enterprise/projects/{id:int}/report", "own, empty form", d => new($"/enterprise/projects/{d.OwnProjectId}/report", Form: Form()), EnterpriseOnly),
        P("POST", "/enterprise/projects/{id:int}/report", "foreign, empty form", d => new($"/enterprise/projects/{d.ForeignProjectId}/report", Form: Form()), EnterpriseNever),
        P("GET", "/enterprise/loans/new", "", _ => Get("/enterprise/loans/new"), EnterpriseOnly),
        P("POST", "/enterprise/loans/new", "empty form (the page lists what is missing)", _ => new("/enterprise/loans/new", Form: Form()), EnterpriseOnly),
        P("GET", "/enterprise/loans/{id:int}/edit", "own", d => Get($"/enterprise/loans/{d.OwnLoanId}/edit"), EnterpriseOnly),
        P("GET", "/enterprise/loans/{id:int}/edit", "foreign", d => Get($"/enterprise/loans/{d.ForeignLoanId}/edit"), EnterpriseNever),
        P("GET", "/enterprise/loans/{id:int}/edit", "missing", _ => Get($"/enterprise/loans/{Missing}/edit"), EnterpriseMissing),
        P("POST", "/enterprise/loans/{id:int}/edit", "own, empty form", d => new($"/enterprise/loans/{d.OwnLoanId}/edit", Form: Form()), EnterpriseOnly),
        P("POST", "/enterprise/loans/{id:int}/edit", "foreign, empty form", d => new($"/enterprise/loans/{d.ForeignLoanId}/edit", Form: Form()), EnterpriseNever),
        // The same through the JSON API (an empty body is refused with the fields it lacks, so nothing is saved).
        P("GET", "/api/v1/enterprise/", "my enterprise", _ => Get("/api/v1/enterprise"), EnterpriseOnly),
        P("GET", "/api/v1/enterprise/projects/{id:int}", "own", d => Get($"/api/v1/enterprise/projects/{d.OwnProjectId}"), EnterpriseOnly),
        P("GET", "/api/v1/enterprise/projects/{id:int}", "foreign", d => Get($"/api/v1/enterprise/projects/{d.ForeignProjectId}"), EnterpriseNever),
        P("GET", "/api/v1/enterprise/projects/{id:int}", "missing", _ => Get($"/api/v1/enterprise/projects/{Missing}"), EnterpriseMissing),
        P("POST", "/api/v1/enterprise/projects", "empty body", _ => new("/api/v1/enterprise/projects", Json: new { }), EnterpriseOnly),
        P("PUT", "/api/v1/enterprise/projects/{id:int}", "own, empty body", d => new($"/api/v1/enterprise/projects/{d.OwnProjectId}", Json: new { }), EnterpriseOnly),
        P("PUT", "/api/v1/enterprise/projects/{id:int}", "foreign, empty body", d => new($"/api/v1/enterprise/projects/{d.ForeignProjectId}", Json: new { }), EnterpriseNever),
        P("GET", "/api/v1/enterprise/projects/{id:int}/reports", "own", d => Get($"/api/v1/enterprise/projects/{d.OwnProjectId}/reports"), EnterpriseOnly),
        P("GET", "/api/v1/enterprise/projects/{id:int}/reports", "foreign", d => Get($"/api/v1/enterprise/projects/{d.ForeignProjectId}/reports"), EnterpriseNever),
        P("GET", "/api/v1/enterprise/projects/{id:int}/reports", "missing", _ => Get($"/api/v1/enterprise/projects/{Missing}/reports"), EnterpriseMissing),
        P("POST", "/api/v1/enterprise/projects/{id:int}/reports", "own, empty body", d => new($"/api/v1/enterprise/projects/{d.OwnProjectId}/reports", Json: new { }), EnterpriseOnly),
        P("POST", "/api/v1/enterprise/projects/{id:int}/reports", "foreign, empty body", d => new($"/api/v1/enterprise/projects/{d.ForeignProjectId}/reports", Json: new { }), EnterpriseNever),
        // The enterprise's contact for banks (银企对接): an empty form or body (no version) is refused with the reason, unchanged.
        P("POST", "/enterprise", "contact, empty form", _ => new("/enterprise?handler=Contact", Form: Form()), EnterpriseOnly, "Contact"),
        P("PUT", "/api/v1/enterprise/contact", "empty body (400: no version)", _ => new("/api/v1/enterprise/contact", Json: new { }), EnterpriseOnly),
        P("GET", "/api/v1/enterprise/loans/{id:int}", "own", d => Get($"/api/v1/enterprise/loans/{d.OwnLoanId}"), EnterpriseOnly),
        P("GET", "/api/v1/enterprise/loans/{id:int}", "foreign", d => Get($"/api/v1/enterprise/loans/{d.ForeignLoanId}"), EnterpriseNever),
        P("GET", "/api/v1/enterprise/loans/{id:int}", "missing", _ => Get($"/api/v1/enterprise/loans/{Missing}"), EnterpriseMissing),
        P("POST", "/api/v1/enterprise/loans", "empty body", _ => new("/api/v1/enterprise/loans", Json: new { }), EnterpriseOnly),
        P("PUT", "/api/v1/enterprise/loans/{id:int}", "own, empty body", d => new($"/api/v1/enterprise/loans/{d.OwnLoanId}", Json: new { }), EnterpriseOnly),
        P("PUT", "/api/v1/enterprise/loans/{id:int}", "foreign, empty body", d => new($"/api/v1/enterprise/loans/{d.ForeignLoanId}", Json: new { }), EnterpriseNever),

        // ── renewal candidates (R-1..R-4): government sees its scope (a district its area), an enterprise itself, a bank nothing ──
        P("GET", "/candidates", "the summary (an enterprise is sent to its own items)", _ => Get("/candidates"), NotBank),
        P("GET", "/candidates", "xlsx of the filtered list", _ => Get("/candidates?handler=Xlsx&Filter.Rule=R-3"), NotBank, "Xlsx"),
        P("GET", "/candidates/{code}", "own", d => Get($"/candidates/{d.DemoCreditCode}"), NotBank),
        P("GET", "/candidates/{code}", "neighbour", _ => Get($"/candidates/{TestData.JiaCreditCode}"), Neighbour),
        P("GET", "/candidates/{code}", "missing", _ => Get("/candidates/91350100M000100Y43"), E(SignIn, NotFound, NotFound, NotFound, NotFound, NotFound, Forbidden)),
        P("GET", "/api/v1/candidates/", "the summary, scoped per role", _ => Get("/api/v1/candidates?rule=R-2"), NotBank),
        P("GET", "/api/v1/candidates/{code}", "own", d => Get($"/api/v1/candidates/{d.DemoCreditCode}"), NotBank),
        P("GET", "/api/v1/candidates/{code}", "neighbour", _ => Get($"/api/v1/candidates/{TestData.JiaCreditCode}"), Neighbour),
        P("GET", "/api/v1/candidates/{code}", "missing", _ => Get("/api/v1/candidates/91350100M000100Y43"), E(SignIn, NotFound, NotFound, NotFound, NotFound, NotFound, Forbidden)),

        // ── account administration: the bureau administrator only ───────────────────────────────
        P("GET", "/admin/accounts", "", _ => Get("/admin/accounts"), AdminOnly),
        P("GET", "/admin/accounts", "searched and paged", _ => Get("/admin/accounts?RoleFilter=Enterprise&AreaFilter=%E5%91%A8%E5%B8%82%E9%95%87&Q=91&p=2"), AdminOnly),
        // 邀请企业开通账号 (issue 12 item 8): the administrator only; nothing selected or posted back changes nothing.
        P("GET", "/admin/invitations", "the enterprises without an account", _ => Get("/admin/invitations?Area=%E5%91%A8%E5%B8%82%E9%95%87"), AdminOnly),
        P("POST", "/admin/invitations", "nothing selected (the page says so)", _ => new("/admin/invitations?handler=Create", Form: Form()), AdminOnly, "Create"),
        P("POST", "/admin/invitations", "a code that opens no invitation (the page says so)", _ => new("/admin/invitations?handler=Download", Form: Form(("id", Missing), ("code", "ZZZZ-ZZZZ-ZZZZ-ZZZZ"))), AdminOnly, "Download"),
        P("POST", "/admin/accounts", "empty form (the page lists what is missing)", _ => new("/admin/accounts?handler=Create", Form: Form()), AdminOnly, "Create"),
        P("POST", "/admin/accounts", "missing account", _ => new("/admin/accounts?handler=Password", Form: Form(("id", Missing), ("password", "Abc12345678"))), AdminMissing, "Password"),
        P("POST", "/admin/accounts", "own account (refused: not yourself)", d => new("/admin/accounts?handler=Deactivate", Form: Form(("id", d.AdminUserId.ToString()))), AdminOnly, "Deactivate"),
        P("POST", "/admin/accounts", "missing account", _ => new("/admin/accounts?handler=Activate", Form: Form(("id", Missing))), AdminMissing, "Activate"),
        P("POST", "/admin/accounts", "missing account", _ => new("/admin/accounts?handler=Unlock", Form: Form(("id", Missing))), AdminMissing, "Unlock"),
        P("GET", "/api/v1/admin/accounts/", "", _ => Get("/api/v1/admin/accounts"), AdminOnly),
        P("POST", "/api/v1/admin/accounts/", "empty body", _ => new("/api/v1/admin/accounts", Json: new { }), AdminOnly),
        P("POST", "/api/v1/admin/accounts/{id:int}/password", "missing account", _ => new($"/api/v1/admin/accounts/{Missing}/password", Json: new { password = "Abc12345678" }), AdminMissing),
        P("POST", "/api/v1/admin/accounts/{id:int}/deactivate", "own account (refused: not yourself)", d => new($"/api/v1/admin/accounts/{d.AdminUserId}/deactivate", Json: new { }), AdminOnly),
        P("POST", "/api/v1/admin/accounts/{id:int}/activate", "missing account", _ => new($"/api/v1/admin/accounts/{Missing}/activate", Json: new { }), AdminMissing),
        P("POST", "/api/v1/admin/accounts/{id:int}/unlock", "missing account", _ => new($"/api/v1/admin/accounts/{Missing}/unlock", Json: new { }), AdminMissing),
        // API tokens (ADR-019): issued, listed and revoked by the administrator only; an empty form or body is refused with a reason.
        P("GET", "/admin/accounts/{id:int}/tokens", "own account", d => Get($"/admin/accounts/{d.AdminUserId}/tokens"), AdminOnly),
        P("GET", "/admin/accounts/{id:int}/tokens", "missing account", _ => Get($"/admin/accounts/{Missing}/tokens"), AdminMissing),
        P("POST", "/admin/accounts/{id:int}/tokens", "empty form (the page says what is missing)", d => new($"/admin/accounts/{d.AdminUserId}/tokens?handler=Issue", Form: Form()), AdminOnly, "Issue"),
        P("POST", "/admin/accounts/{id:int}/tokens", "missing token", d => new($"/admin/accounts/{d.AdminUserId}/tokens?handler=Revoke", Form: Form(("tokenId", Missing))), AdminMissing, "Revoke"),
        P("GET", "/api/v1/admin/accounts/{id:int}/tokens", "own account", d => Get($"/api/v1/admin/accounts/{d.AdminUserId}/tokens"), AdminOnly),
        P("GET", "/api/v1/admin/accounts/{id:int}/tokens", "missing account", _ => Get($"/api/v1/admin/accounts/{Missing}/tokens"), AdminMissing),
        P("POST", "/api/v1/admin/accounts/{id:int}/tokens", "empty body (400)", d => new($"/api/v1/admin/accounts/{d.AdminUserId}/tokens", Json: new { }), AdminOnly),
        P("POST", "/api/v1/admin/accounts/{id:int}/tokens/{tokenId:int}/revoke", "missing token", d => new($"/api/v1/admin/accounts/{d.AdminUserId}/tokens/{Missing}/revoke", Json: new { }), AdminMissing),
    ];
}
