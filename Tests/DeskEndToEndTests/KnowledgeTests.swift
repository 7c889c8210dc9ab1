import DeskTestSupport
import Foundation
import XCTest

/// `desk kb …`, `desk suggest`, `desk new`'s suggestions and `desk resolve --kb/--publish`, from the binary.
final class KnowledgeTests: DeskTestCase {
    private func newArticle(_ title: String, body: String, _ args: String...) throws -> String {
        let result = try desk.run(arguments: ["kb", "new", title, "--body", body] + args)
        assertSuccess(result)
        return result.trimmedStdout
    }

    func testArticleLifeCycleAndJSON() throws {
        let id = try newArticle("Reset a forgotten password", body: "1. Go to https://password.example.org\n2. Choose Forgot password.\n",
                                "--tag", "password", "--category", "accounts/password", "--audience", "public")
        XCTAssertTrue(id.hasPrefix("KB-"), id)
        XCTAssertEqual(try desk.gitOutput("log", "-1", "--format=%s"), "\(id): new: Reset a forgotten password")
        XCTAssertTrue(try desk.gitOutput("log", "-1", "--format=%b").contains("Desk-Article: \(id)"))
        var shown = try JSON.object(try desk.run("kb", "show", String(id.dropFirst(3).prefix(4)).lowercased(), "--json").stdout)
        XCTAssertEqual(shown["status"] as? String, "draft")
        XCTAssertEqual(shown["audience"] as? String, "public")
        XCTAssertEqual(shown["tags"] as? [String], ["password"])
        XCTAssertEqual(shown["path"] as? String, "kb/\(id).md")
        XCTAssertEqual(shown["used"] as? Int, 0)

        // Drafts are never suggested; published ones are.
        XCTAssertEqual(try JSON.array(try desk.run("kb", "search", "password", "--json").stdout).count, 0)
        XCTAssertEqual(try JSON.array(try desk.run("kb", "search", "password", "--all", "--json").stdout).count, 1)
        assertSuccess(try desk.run("kb", "publish", id))
        let hits = try JSON.array(try desk.run("kb", "search", "wachtwoord vergeten", "--json").stdout)
        XCTAssertEqual(hits.first?["id"] as? String, id, "a Dutch search finds the English article")
        XCTAssertTrue((hits.first?["snippet"] as? String ?? "").contains("["), "the snippet marks what matched")

        assertSuccess(try desk.run("kb", "edit", id, "--set", "tags=password,account", "--set", "title=Reset a forgotten Windows password"))
        shown = try JSON.object(try desk.run("kb", "show", id, "--json").stdout)
        XCTAssertEqual(shown["tags"] as? [String], ["password", "account"])
        XCTAssertEqual(try desk.run("kb", "edit", id, "--set", "colour=red").exitCode, 2)

        let list = try JSON.array(try desk.run("kb", "list", "--status", "published", "--json").stdout)
        XCTAssertEqual(list.map { $0["id"] as? String }, [id])
        // git's order of options works for groups too: `desk -C DIR kb list`.
        let hoisted = try desk.run(arguments: ["-C", desk.root.path, "--json", "kb", "list"], cwd: FileManager.default.temporaryDirectory)
        XCTAssertEqual(try JSON.array(hoisted.stdout).map { $0["id"] as? String }, [id], hoisted.stderr)
        assertSuccess(try desk.run("kb", "retire", id))
        XCTAssertEqual(try JSON.array(try desk.run("kb", "search", "password", "--json").stdout).count, 0)
        XCTAssertEqual(try desk.run("kb", "show", "KB-ZZZZZZ").exitCode, 3)
        assertSuccess(try desk.run("lint"))
        try assertWorkingTreeClean()
    }

    func testSuggestNewAndResolveWithKnowledge() throws {
        let vpn = try newArticle("VPN keeps dropping", body: "Switch the VPN protocol to TCP and update the client.\n",
                                 "--tag", "vpn", "--category", "network/vpn")
        let printer = try newArticle("Printer prints blank pages", body: "Replace the toner cartridge; check the drum.\n",
                                     "--tag", "printer")
        assertSuccess(try desk.run("kb", "publish", vpn))
        assertSuccess(try desk.run("kb", "publish", printer))

        // desk new shows the top suggestions (stderr in text mode, `suggestions` in JSON).
        let created = try desk.run("new", "VPN valt steeds weg", "--body", "Sinds vanochtend verbreekt de VPN elke paar minuten.")
        assertSuccess(created)
        XCTAssertTrue(created.stderr.contains(vpn), created.stderr)
        let ticketID = created.trimmedStdout
        let json = try JSON.object(try desk.run("new", "printer gives empty pages", "--json").stdout)
        let suggested = (json["suggestions"] as? [String: Any])?["articles"] as? [[String: Any]]
        XCTAssertEqual(suggested?.first?["id"] as? String, printer)
        let quiet = try desk.run("new", "VPN drops again", "--no-suggest")
        XCTAssertFalse(quiet.stderr.contains(vpn))

        let suggestion = try JSON.object(try desk.run("suggest", ticketID, "--json").stdout)
        XCTAssertEqual((suggestion["articles"] as? [[String: Any]])?.first?["id"] as? String, vpn)
        XCTAssertEqual(try desk.run("suggest").exitCode, 2)

        // Resolving with an article cites it; `used` counts it; a resolved ticket is then suggested too.
        assertSuccess(try desk.run("resolve", ticketID, "--resolution", "Switched the client to TCP.", "--kb", vpn))
        XCTAssertEqual(try JSON.object(try desk.run("kb", "show", vpn, "--json").stdout)["used"] as? Int, 1)
        let later = try JSON.object(try desk.run("suggest", "--text", "VPN verbreekt steeds", "--json").stdout)
        let tickets = later["tickets"] as? [[String: Any]]
        XCTAssertEqual(tickets?.first?["id"] as? String, ticketID)
        XCTAssertEqual(tickets?.first?["resolution"] as? String, "Switched the client to TCP.")
        XCTAssertEqual(try desk.run("resolve", ticketID, "--resolution", "x", "--kb", "KB-ZZZZZZ").exitCode, 3)

        // --publish: a draft from the resolution, linked both ways, in the same commit.
        let other = try desk.newTicket("Outlook search finds nothing")
        let before = try desk.commitCount()
        let published = try JSON.object(try desk.run("resolve", other, "--resolution", "Rebuilt the search index.", "--publish", "--json").stdout)
        XCTAssertEqual(try desk.commitCount(), before + 1)
        let draft = try XCTUnwrap((published["kb"] as? [String])?.last)
        let article = try JSON.object(try desk.run("kb", "show", draft, "--json").stdout)
        XCTAssertEqual(article["status"] as? String, "draft")
        XCTAssertEqual(article["source"] as? [String], [other])
        XCTAssertEqual(article["title"] as? String, "Outlook search finds nothing")
        XCTAssertEqual(article["cited_by"] as? [String], [other])

        // kb link cites without resolving.
        let third = try desk.newTicket("printer again")
        assertSuccess(try desk.run("kb", "link", third, printer))
        XCTAssertEqual(try desk.show(third)["kb"] as? [String], [printer])
        XCTAssertEqual(try desk.show(third)["status"] as? String, "new")

        // Stale: a ticket resolved with an article and reopened; stats count citations.
        assertSuccess(try desk.run("reopen", ticketID))
        let stale = try JSON.array(try desk.run("kb", "stale", "--json").stdout)
        let vpnStale = stale.first { $0["id"] as? String == vpn }
        XCTAssertTrue(((vpnStale?["reasons"] as? [String]) ?? []).contains { $0.contains("reopened") }, "\(stale)")
        XCTAssertTrue(stale.contains { $0["id"] as? String == draft } == false, "a new draft is not stale yet")
        XCTAssertTrue(try JSON.array(try desk.run("kb", "stale", "--draft-age=-1", "--json").stdout)
            .contains { $0["id"] as? String == draft })
        let stats = try JSON.object(try desk.run("kb", "stats", "--json").stdout)
        XCTAssertEqual(stats["resolved"] as? Int, 1)
        XCTAssertEqual(stats["resolved_with_article"] as? Int, 1)
        XCTAssertEqual(stats["first_line_basis"] as? String, "resolver")
        assertSuccess(try desk.run("lint"))
        try assertWorkingTreeClean()
    }
}
