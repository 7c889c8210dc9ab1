import ArgumentParser
import DeskStore
import Foundation

struct AssetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "asset",
        abstract: "Devices known to the desk (assets/ID.md), linked from tickets with `asset:`.",
        subcommands: [AssetAdd.self, AssetShow.self, AssetList.self, AssetEdit.self]
    )
}

private func assetMutation(_ result: AssetResult, verb: String, context: CommandContext) {
    if context.options.json {
        context.printJSON(AssetOutput.json(result.asset))
    } else if result.changed {
        Terminal.note("\(verb) \(result.asset.id): \(result.asset.kind)\(result.asset.model.map { " " + $0 } ?? "")")
    } else {
        Terminal.note("\(result.asset.id): nothing to change")
    }
}

struct AssetAdd: DeskCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Register a device under the id on its label.",
        discussion: """
          desk asset add LPT-0042 --kind laptop --model "Latitude 7440" --owner jan.devries --department finance \\
                         --purchased 2024-03-14 --os "Windows 11 23H2"
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The id on the device's label (LPT-0042).") var id: String
    @Option(help: "laptop, desktop, monitor, printer, phone, …") var kind: String
    @Option(help: "Make and model.") var model: String?
    @Option(help: "The requester who uses it.") var owner: String?
    @Option(help: "The owner's department.") var department: String?
    @Option(help: ArgumentHelp("Purchase date.", valueName: "YYYY-MM-DD")) var purchased: String?
    @Option(help: "Operating system and version.") var os: String?
    @Option(help: ArgumentHelp("Free notes (Markdown); `-` reads them from stdin.", valueName: "TEXT|-")) var notes: String?

    func execute(_ context: CommandContext) throws {
        var request = NewAssetRequest(id: id, kind: kind)
        request.model = model
        request.owner = owner
        request.department = department
        request.purchased = purchased
        request.os = os
        request.notes = try notes.map(context.text) ?? ""
        let desk = try context.openDesk()
        assetMutation(try desk.addAsset(request, actor: try context.actor(for: desk)), verb: "Added", context: context)
    }
}

struct AssetShow: DeskCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "An asset and every ticket about it.", discussion: "  desk asset show LPT-0042")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Asset id (any case).") var id: String

    func execute(_ context: CommandContext) throws {
        let desk = try context.openDesk()
        let asset = try desk.asset(try desk.resolveAssetID(id))
        var query = TicketQuery()
        query.asset = asset.id.rawValue
        query.sort = .created
        let tickets = try desk.listTickets(query).tickets
        if context.options.json {
            context.printJSON(AssetOutput.json(asset, tickets: tickets))
        } else {
            Terminal.out(AssetOutput.show(asset, tickets: tickets, terminal: context.terminal))
        }
    }
}

struct AssetList: DeskCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List assets, optionally by owner, department or kind.",
        discussion: "  desk asset list --department finance\n  desk asset list --kind laptop --json")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Only this owner's assets.") var owner: String?
    @Option(help: "Only this department's assets.") var department: String?
    @Option(help: "Only assets of this kind.") var kind: String?

    func execute(_ context: CommandContext) throws {
        let desk = try context.openDesk()
        let (all, unreadable) = try desk.assets()
        for error in unreadable { Terminal.warn("skipped \(error.path): \(error.message)") }
        func matches(_ value: String?, _ wanted: String?) -> Bool {
            guard let wanted else { return true }
            return value?.caseInsensitiveCompare(wanted) == .orderedSame
        }
        let assets = all.filter { matches($0.owner, owner) && matches($0.department, department) && matches($0.kind, kind) }
        if context.options.json {
            context.printJSON(assets.map { AssetOutput.json($0) })
        } else if assets.isEmpty {
            Terminal.note("No assets match.")
        } else {
            Terminal.out(AssetOutput.table(assets, terminal: context.terminal))
        }
    }
}

struct AssetEdit: DeskCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "Change fields of an asset.",
        discussion: "  desk asset edit LPT-0042 --set owner=lisa.meijer --set department=sales\n  desk asset edit lpt-0042 --set notes=- < notes.md")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Asset id (any case).") var id: String
    @Option(name: .customLong("set"), help: ArgumentHelp("KEY=VALUE: kind, model, owner, department, purchased, os, notes (`notes=-` reads stdin); an empty value clears it.", valueName: "KEY=VALUE"))
    var assignments: [String] = []

    func execute(_ context: CommandContext) throws {
        guard !assignments.isEmpty else {
            throw DeskError.invalidInput("nothing to change: give --set KEY=VALUE (\(Desk.settableAssetFields.joined(separator: ", ")))")
        }
        let pairs = try context.assignments(assignments, textKey: "notes")
        let desk = try context.openDesk()
        assetMutation(try desk.editAsset(id, assignments: pairs, actor: try context.actor(for: desk)), verb: "Edited", context: context)
    }
}
