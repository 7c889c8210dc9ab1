import DeskStore
import Foundation

/// Someone who calls the desk.
struct Requester {
    let handle: String
    let first: String
    let last: String
    let language: Language
    let department: Int
    let site: String
    /// Their laptop's asset tag.
    let laptop: String
}

/// Builds realistic tickets from one seeded generator: same seed, same tickets, byte for byte.
struct Generator {
    var rng: SplitMix64
    /// The moment the generated desk is "now": creation and activity times lie before it.
    let now: Timestamp

    private(set) var requesters: [Requester] = []
    private let languageChoice = WeightedChoice(Vocabulary.languageWeights)
    private let departmentChoice = WeightedChoice(Vocabulary.departmentWeights)
    private let categoryChoice = WeightedChoice(Vocabulary.categories.map(\.weight))
    private let statusChoice = WeightedChoice(Vocabulary.statusWeights)
    private let channelChoice = WeightedChoice(Vocabulary.channelWeights)
    /// P1…P4 weighted towards P3/P4.
    private let priorityChoice = WeightedChoice([3, 12, 45, 40])
    /// Activity entries per ticket, 3…10, fewer more often.
    private let activityCountChoice = WeightedChoice([20, 20, 16, 13, 10, 8, 7, 6])

    static let requesterCount = 2_500
    static let day: Int64 = 86_400
    static let hour: Int64 = 3_600

    init(seed: UInt64, now: Timestamp) {
        rng = SplitMix64(seed: seed)
        self.now = now
        makeRequesters()
    }

    private mutating func makeRequesters() {
        var taken = Set<String>()
        requesters.reserveCapacity(Generator.requesterCount)
        for _ in 0..<Generator.requesterCount {
            let language = Language(rawValue: languageChoice.draw(&rng))!
            let first = rng.pick(Vocabulary.firstNames[language])
            let last = rng.pick(Vocabulary.lastNames[language])
            let base = Generator.handle(first) + "." + Generator.handle(last)
            var handle = base
            var n = 2
            while !taken.insert(handle).inserted {
                handle = base + String(n)
                n += 1
            }
            requesters.append(Requester(handle: handle, first: first, last: last, language: language,
                                        department: departmentChoice.draw(&rng),
                                        site: rng.pick(Vocabulary.sites[language]),
                                        laptop: "LT-" + String(rng.int(10_000...99_999))))
        }
    }

    /// `Åse van den Berg` → `asevandenberg`: lower-case ASCII for user handles.
    static func handle(_ name: String) -> String {
        var out = ""
        for scalar in name.lowercased().unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9": out.unicodeScalars.append(scalar)
            case "å", "á", "à", "ä": out += "a"
            case "æ": out += "ae"
            case "ø", "ö", "ó": out += "o"
            case "é", "è", "ë", "ê": out += "e"
            case "ï", "í": out += "i"
            case "ü", "ú": out += "u"
            default: break
            }
        }
        return out
    }

    /// The department's own operator most of the time (faces, not queues), else the deputy or anyone.
    private mutating func operatorFor(department: Int) -> String {
        let ops = Vocabulary.operators
        let x = rng.unit()
        if x < 0.70 { return ops[(department * 2) % ops.count] }
        if x < 0.85 { return ops[(department * 2 + 1) % ops.count] }
        return rng.pick(ops)
    }

    private mutating func otherOperator(than name: String?) -> String {
        var pick = rng.pick(Vocabulary.operators)
        while pick == name { pick = rng.pick(Vocabulary.operators) }
        return pick
    }

    private mutating func pickRequester() -> Requester {
        // A few people call far more often than the rest.
        if rng.chance(0.25) { return requesters[rng.below(Generator.requesterCount / 20)] }
        return requesters[rng.below(Generator.requesterCount)]
    }

    // MARK: Text

    /// Per-ticket values for the `{slot}`s in templates.
    struct Slots {
        var language: Language
        var first: String
        var site: String
        var floor: String
        var room: String
        var printer: String
        var asset: String
        var app: String
        var erp: String
        var share: String
    }

    private mutating func fill(_ template: String, _ slots: Slots) -> String {
        guard template.utf8.contains(UInt8(ascii: "{")) else { return template }
        var out = ""
        out.reserveCapacity(template.utf8.count + 16)
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let key = rest[rest.index(after: open)..<close]
            switch key {
            case "first": out += slots.first
            case "site": out += slots.site
            case "floor": out += slots.floor
            case "room": out += slots.room
            case "printer": out += slots.printer
            case "asset": out += slots.asset
            case "app": out += slots.app
            case "erp": out += slots.erp
            case "share": out += slots.share
            case "weekday": out += rng.pick(Vocabulary.weekdays[slots.language])
            case "op": out += rng.pick(Vocabulary.operators)
            case "case": out += String(rng.int(100_000...999_999))
            default: out += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }

    private mutating func body(_ category: Category, problem: Int, _ requester: Requester, _ slots: Slots) -> String {
        let language = requester.language
        var text = rng.pick(Vocabulary.greetings[language]) + "\n\n"
        let problems = category.problems[language]
        text += fill(problems[min(problem, problems.count - 1)], slots) + "\n\n"
        let details = rng.sample(Vocabulary.details[language], count: rng.int(0...2))
        if !details.isEmpty {
            text += details.map { fill($0, slots) }.joined(separator: " ") + "\n\n"
        }
        if rng.chance(0.3) {
            text += Vocabulary.triedHeader[language][0] + "\n\n"
            for step in rng.sample(Vocabulary.triedSteps[language], count: rng.int(2...3)) {
                text += "- " + step + "\n"
            }
            text += "\n"
        }
        text += rng.pick(Vocabulary.signoffs[language]) + "\n" + requester.first + " " + requester.last + "\n"
        return text
    }

    // MARK: Times

    /// A log-uniform duration between `low` and `high` seconds.
    private mutating func duration(_ low: Int64, _ high: Int64) -> Int64 {
        let l = Double(low).squareRoot()
        let h = Double(high).squareRoot()
        // Square of a uniform between the roots: skewed to short, with a tail; cheap and monotone.
        let r = l + rng.unit() * (h - l)
        return Int64(r * r)
    }

    private func resolveTime(_ priority: Priority) -> (Int64, Int64) {
        switch priority {
        case .p1: return (Generator.hour, 8 * Generator.hour)
        case .p2: return (2 * Generator.hour, 2 * Generator.day)
        case .p3: return (4 * Generator.hour, 7 * Generator.day)
        case .p4: return (Generator.day, 20 * Generator.day)
        }
    }

    /// Response and resolution targets (wall-clock approximations of the default SLA).
    private func targets(_ priority: Priority) -> (response: Int64, resolve: Int64) {
        switch priority {
        case .p1: return (Generator.hour, 8 * Generator.hour)
        case .p2: return (4 * Generator.hour, 2 * Generator.day)
        case .p3: return (8 * Generator.hour, 5 * Generator.day)
        case .p4: return (Generator.day, 10 * Generator.day)
        }
    }

    /// A creation time between `maxAge` seconds before now and `latest`, nudged into office hours on weekdays.
    private mutating func officeTime(notAfter latest: Int64, maxAge: Int64) -> Int64 {
        let earliest = now.seconds - maxAge
        var t = earliest + rng.int64(0...max(0, latest - earliest))
        var day = t >= 0 ? t / Generator.day : (t - Generator.day + 1) / Generator.day
        let weekday = ((day + 4) % 7 + 7) % 7  // 0 = Sunday (1970-01-01 was a Thursday)
        if weekday == 6, rng.chance(0.8) { day -= 1 }
        if weekday == 0, rng.chance(0.8) { day -= 2 }
        let hour = rng.chance(0.85) ? Int64(rng.int(7...17)) : Int64(rng.int(0...23))
        t = day * Generator.day + hour * Generator.hour + Int64(rng.int(0...3599))
        return min(t, latest)
    }

    // MARK: Tickets

    private struct Proto {
        var kind: String
        var author: String
        var field: String?
        var from: String?
        var to: String?
        var text: String?
    }

    /// Entries that happen at one moment (an assignment that also opens the ticket, a resolution).
    private typealias Step = [Proto]

    private enum Phase { case before, work, after }

    mutating func ticket(id: TicketID, earlier: [TicketID]) -> Ticket {
        typealias Kind = ActivityEntry.Kind
        let requester = pickRequester()
        let language = requester.language
        let category = Vocabulary.categories[categoryChoice.draw(&rng)]
        let status = Vocabulary.statuses[statusChoice.draw(&rng)]
        let priority = Priority.allCases[priorityChoice.draw(&rng)]
        // Problems are listed in the order of the titles they go with; later titles share the last one.
        let titleIndex = rng.below(category.titles[language].count)
        let floor = rng.int(1...6)
        let site = requester.site
        let slots = Slots(
            language: language, first: requester.first, site: site, floor: String(floor),
            room: "\(floor).\(rng.int(10...40))",
            printer: "PR-" + String(Generator.handle(site).prefix(3)).uppercased() + "-0" + String(rng.int(1...9)),
            asset: requester.laptop, app: rng.pick(Vocabulary.apps), erp: rng.pick(Vocabulary.erps),
            share: rng.pick(Vocabulary.shares))

        // --- The story: steps of activity leading to the status. ---
        var steps: [Step] = []
        var entries = 0
        var current = "new"
        var assignee: String?
        var priorityChanged = false
        var reassigned = false
        var thanked = false
        let owner = operatorFor(department: requester.department)
        let target = 3 + activityCountChoice.draw(&rng)

        var usedTexts = Set<String>()
        /// A template not used yet in this ticket, where the list allows.
        func fresh(_ templates: [String]) -> String {
            for _ in 0..<4 {
                let template = rng.pick(templates)
                if usedTexts.insert(template).inserted { return fill(template, slots) }
            }
            return fill(rng.pick(templates), slots)
        }
        func add(_ step: Step) {
            steps.append(step)
            entries += step.count
        }
        func assign(to who: String, by: String) {
            var step: Step = [Proto(kind: Kind.assign, author: by, from: assignee, to: who)]
            if current == "new" {
                step.append(Proto(kind: Kind.status, author: by, from: "new", to: "open"))
                current = "open"
            }
            assignee = who
            add(step)
        }
        func move(to status: String, by: String) {
            add([Proto(kind: Kind.status, author: by, from: current, to: status)])
            current = status
        }
        func resolve(by: String) {
            let text = fresh(category.resolutions[language])
            add([Proto(kind: Kind.status, author: by, from: current, to: "resolved"),
                 Proto(kind: Kind.resolution, author: by, text: text)])
            current = "resolved"
        }
        func requesterSays(_ texts: Tri) {
            add([Proto(kind: Kind.comment, author: requester.handle, text: fresh(texts[language]))])
        }
        func filler(_ phase: Phase) {
            let x = rng.below(100)
            switch phase {
            case .before:
                if x < 40 {
                    requesterSays(Vocabulary.requesterReplies)
                } else if x < 80 || priorityChanged {
                    add([Proto(kind: Kind.internal, author: rng.pick(Vocabulary.operators),
                               text: fresh(Vocabulary.internalNotes))])
                } else {
                    priorityChanged = true
                    var from = Priority.allCases[rng.below(4)]
                    if from == priority { from = priority == .p4 ? .p3 : .p4 }
                    add([Proto(kind: Kind.field, author: rng.pick(Vocabulary.operators), field: "priority",
                               from: from.rawValue, to: priority.rawValue)])
                }
            case .work:
                let by = assignee ?? owner
                if x < 35 {
                    add([Proto(kind: Kind.comment, author: by,
                               text: fresh(Vocabulary.operatorComments[language]))])
                } else if x < 65 {
                    requesterSays(Vocabulary.requesterReplies)
                } else if x < 90 || reassigned {
                    add([Proto(kind: Kind.internal, author: by, text: fresh(Vocabulary.internalNotes))])
                } else {
                    reassigned = true
                    assign(to: otherOperator(than: assignee), by: by)
                }
            case .after:
                if !thanked {
                    thanked = true
                    requesterSays(Vocabulary.requesterThanks)
                } else {
                    add([Proto(kind: Kind.internal, author: assignee ?? owner,
                               text: fresh(Vocabulary.internalNotes))])
                }
            }
        }
        func pendingCycle() {
            let by = assignee ?? owner
            add([Proto(kind: Kind.comment, author: by, text: fresh(Vocabulary.operatorQuestions[language]))])
            move(to: "pending", by: by)
            requesterSays(Vocabulary.requesterReplies)
            move(to: "open", by: by)
        }
        let dispatcher = rng.chance(0.6) ? owner : rng.pick(Vocabulary.operators)

        switch status {
        case "new":
            while entries < target { filler(.before) }
        case "open":
            if rng.chance(0.2) { filler(.before) }
            assign(to: owner, by: dispatcher)
            while entries < target { filler(.work) }
        case "pending":
            assign(to: owner, by: dispatcher)
            while entries + 2 < target { filler(.work) }
            let by = assignee ?? owner
            add([Proto(kind: Kind.comment, author: by, text: fresh(Vocabulary.operatorQuestions[language]))])
            move(to: "pending", by: by)
        case "resolved":
            assign(to: owner, by: dispatcher)
            var budget = target - entries - 2
            let cycle = budget >= 4 && rng.chance(0.25)
            if cycle { budget -= 4 }
            let thanks = budget >= 1 && rng.chance(0.4)
            if thanks { budget -= 1 }
            let workStart = entries
            while entries - workStart < budget { filler(.work) }
            if cycle { pendingCycle() }
            resolve(by: assignee ?? owner)
            if thanks { filler(.after) }
        default:  // closed
            assign(to: owner, by: dispatcher)
            var budget = target - entries - 3
            let reopen = budget >= 4 && rng.chance(0.3)
            if reopen { budget -= 4 }
            let cycle = budget >= 4 && rng.chance(0.2)
            if cycle { budget -= 4 }
            let thanks = budget >= 1 && rng.chance(0.3)
            if thanks { budget -= 1 }
            let workStart = entries
            while entries - workStart < budget { filler(.work) }
            if cycle { pendingCycle() }
            resolve(by: assignee ?? owner)
            if reopen {
                requesterSays(Vocabulary.requesterReopen)
                move(to: "open", by: assignee ?? owner)
                resolve(by: assignee ?? owner)
            }
            if thanks { filler(.after) }
            move(to: "closed", by: assignee ?? owner)
        }

        // --- When: creation, then the steps spread over the ticket's life. ---
        let lifetime: Int64
        let created: Int64
        switch status {
        case "resolved", "closed":
            let (low, high) = resolveTime(priority)
            var life = duration(low, high)
            if status == "closed" { life += duration(3 * Generator.day, 14 * Generator.day) }
            lifetime = life
            created = officeTime(notAfter: now.seconds - life - 600, maxAge: 730 * Generator.day)
        default:
            let maxAge: Int64 = status == "new" ? 3 * Generator.day : status == "open" ? 60 * Generator.day : 90 * Generator.day
            // Recent tickets are more common than old ones among those still open.
            let age = Int64(Double(maxAge) * rng.unit() * rng.unit())
            created = officeTime(notAfter: now.seconds - 300, maxAge: max(age, 600))
            lifetime = Int64(Double(now.seconds - created) * (0.3 + 0.7 * rng.unit()))
        }
        // Exponential gaps, the first (time to respond) shorter and the one before closing longer.
        var gaps: [Double] = []
        gaps.reserveCapacity(steps.count)
        for (i, step) in steps.enumerated() {
            var weight = 1.0
            if i == 0 { weight = 0.3 }
            if step.first?.kind == Kind.status, step.first?.to == "closed" { weight = 6 }
            gaps.append(-log(1 - rng.unit()) * weight)
        }
        let total = gaps.reduce(0, +)
        var times: [Int64] = []
        var cumulative = 0.0
        for gap in gaps {
            cumulative += gap
            times.append(created + Int64((cumulative / total * Double(lifetime)).rounded(.down)))
        }

        // --- The ticket. ---
        var ticket = Ticket(id: id, title: fill(category.titles[language][titleIndex], slots), status: current,
                            created: Timestamp(seconds: created))
        ticket.priority = priority
        (ticket.impact, ticket.urgency) = impactAndUrgency(for: priority)
        ticket.category = category.name
        ticket.requester = requester.handle
        ticket.department = Vocabulary.departments[requester.department]
        ticket.assignee = assignee
        ticket.group = category.group
        let (response, resolution) = targets(priority)
        ticket.responseDue = Timestamp(seconds: created + response)
        ticket.resolveDue = Timestamp(seconds: created + resolution)
        let tagCount = [0, 0, 0, 0, 0, 1, 1, 1, 2, 3][rng.below(10)]
        if tagCount > 0 {
            ticket.tags = rng.sample(category.tags + Vocabulary.generalTags, count: tagCount)
        }
        if !earlier.isEmpty, rng.chance(0.02) { ticket.links = [earlier[rng.below(earlier.count)].rawValue] }
        if category.hasAsset, rng.chance(0.7) {
            switch category.name {
            case "hardware/mobile": ticket.asset = "PH-" + String(rng.int(10_000...99_999))
            case "hardware/monitor": ticket.asset = "MON-" + String(rng.int(10_000...99_999))
            default: ticket.asset = requester.laptop
            }
        }
        ticket.channel = Vocabulary.channels[channelChoice.draw(&rng)]
        ticket.body = body(category, problem: titleIndex, requester, slots)

        ticket.activity.reserveCapacity(entries)
        for (step, time) in zip(steps, times) {
            for proto in step {
                ticket.activity.append(ActivityEntry(
                    id: ActivityEntry.newID(using: &rng), at: Timestamp(seconds: time), author: proto.author,
                    kind: proto.kind, field: proto.field, from: proto.from, to: proto.to, text: proto.text))
                // As desk does: the first assignment, status move or public reply by staff is the response.
                if ticket.responded == nil, proto.author != requester.handle,
                   proto.kind == Kind.assign || proto.kind == Kind.status || proto.kind == Kind.comment {
                    ticket.responded = Timestamp(seconds: time)
                }
                if proto.kind == Kind.status {
                    if proto.to == "resolved" { ticket.resolved = Timestamp(seconds: time) }
                    if proto.to == "open" { ticket.resolved = nil }
                }
            }
        }
        ticket.updated = ticket.activity.last?.at ?? ticket.created
        return ticket
    }

    /// An impact and urgency the default priority matrix turns into `priority`.
    private mutating func impactAndUrgency(for priority: Priority) -> (Impact, Urgency) {
        switch priority {
        case .p1: return (.organization, rng.chance(0.5) ? .medium : .high)
        case .p2: return [(Impact.person, Urgency.high), (.department, .high), (.organization, .low)][rng.below(3)]
        case .p3: return [(Impact.person, Urgency.medium), (.department, .low), (.department, .medium)][rng.below(3)]
        case .p4: return (.person, .low)
        }
    }
}
