/// Words that mean the same thing to a service desk, across the languages desks here write
/// (English, Dutch, Norwegian). A ticket saying `wachtwoord verlopen` should find the article
/// titled "Password expired"; full-text search alone only matches the words written.
///
/// Entries are folded like queries (`SearchTerms.fold`) and matched against whole words and
/// light stems of a query, so entries are single words. Keep groups narrow: a word in two
/// groups joins both, and a broad group drowns the ranking in unrelated hits.
enum Thesaurus {
    static let groups: [[String]] = [
        ["password", "passwords", "wachtwoord", "wachtwoorden", "passord", "passordet", "pwd", "pincode", "pin"],
        ["login", "logon", "signin", "inloggen", "aanmelden", "logge", "innlogging", "pålogging", "logg", "sign"],
        ["locked", "lockout", "geblokkeerd", "vergrendeld", "låst", "sperret", "blokkert", "blocked"],
        ["expired", "expires", "verlopen", "utløpt", "utgått", "expiry"],
        ["forgot", "forgotten", "vergeten", "glemt", "glemte", "reset", "resetten", "nullstille", "tilbakestille"],
        ["mfa", "2fa", "authenticator", "tweestaps", "tofaktor", "verification", "verificatie", "bekreftelse", "code", "kode", "otp"],
        ["vpn", "anyconnect", "globalprotect", "tunnel", "remote", "thuiswerken", "hjemmekontor", "hjemmefra", "thuis"],
        ["connect", "connection", "verbinding", "verbinden", "forbindelse", "koble", "tilkobling", "kobler"],
        ["drops", "disconnects", "dropping", "verbreekt", "valt", "faller", "brudd", "mister", "disconnect"],
        ["wifi", "wi-fi", "wlan", "wireless", "draadloos", "draadloze", "trådløs", "trådløst", "eduroam", "netwerk", "nettverk", "network"],
        ["internet", "online", "nett"],
        ["printer", "printers", "print", "printing", "printen", "afdrukken", "skriver", "skriveren", "utskrift", "skrive"],
        ["blank", "empty", "leeg", "lege", "wit", "witte", "tom", "tomme", "hvite", "hvit"],
        ["jam", "stuck", "papierstoring", "vastgelopen", "papirstopp", "fastkjørt", "paper", "papier", "papir"],
        ["scan", "scanner", "scannen", "skanne", "skanning", "skann"],
        ["slow", "sluggish", "laggy", "lag", "lags", "traag", "trage", "langzaam", "treg", "tregt", "langsom", "sakte", "hangs", "freezes", "hangt", "henger"],
        ["laptop", "notebook", "bærbar", "bærbare", "pc", "computer", "maskin", "maskinen", "device", "apparaat"],
        ["startup", "boot", "booting", "opstarten", "opstart", "start", "starter", "oppstart", "starte", "starts"],
        ["disk", "schijf", "harddisk", "storage", "opslag", "lagring", "space", "ruimte", "plass", "full", "vol"],
        ["update", "updates", "bijwerken", "oppdatering", "oppdateringer", "restart", "herstart", "omstart", "opnieuw"],
        ["email", "e-mail", "mail", "mails", "epost", "e-post", "outlook", "inbox", "postvak", "innboks"],
        ["phone", "mobile", "smartphone", "iphone", "android", "telefoon", "mobiel", "telefon", "mobil", "mobilen", "ipad"],
        ["new", "nieuwe", "nieuw", "ny", "nye", "replacement", "vervangen"],
        ["search", "zoeken", "søk", "søke", "find", "vinden", "finne"],
        ["mailbox", "postbus", "postkasse", "quota", "limiet"],
        ["shared", "gedeeld", "gedeelde", "delt", "felles", "fellesmappe", "share", "teamsite"],
        ["calendar", "agenda", "kalender", "kalenderen", "appointment", "afspraak", "avtale"],
        ["outofoffice", "absence", "afwezig", "afwezigheid", "automatisch", "autoreply", "fravær", "ferie", "vakantie", "holiday", "vacation"],
        ["teams", "meeting", "vergadering", "møte", "call", "gesprek", "samtale", "zoom"],
        ["sound", "audio", "geluid", "lyd", "mute", "stil", "demp", "speaker", "luidspreker", "høyttaler", "microphone", "microfoon", "mikrofon", "headset", "hoofdtelefoon", "hodetelefoner"],
        ["camera", "webcam", "kamera", "video"],
        ["screen", "monitor", "monitors", "display", "scherm", "schermen", "skjerm", "skjermer", "beeldscherm"],
        ["dock", "docking", "dockingstation", "dokkingstasjon", "usb-c", "thunderbolt"],
        ["keyboard", "toetsenbord", "tastatur"],
        ["mouse", "muis", "mus"],
        ["bluetooth", "wireless", "receiver", "dongle"],
        ["battery", "accu", "batterij", "batteri", "batteriet", "charging", "opladen", "lading", "lader", "drains", "leeg"],
        ["install", "installation", "installeren", "installatie", "installere", "installasjon", "software", "programma", "program", "app", "application", "applicatie"],
        ["license", "licence", "licentie", "lisens", "activate", "activation", "activeren", "aktivere", "unlicensed", "gelicentieerd"],
        ["office", "word", "excel", "powerpoint"],
        ["adobe", "acrobat", "pdf", "reader"],
        ["onedrive", "sharepoint", "sync", "synchronise", "synchronize", "synchroniseren", "synchronisatie", "synkronisere", "synkronisering"],
        ["file", "files", "bestand", "bestanden", "fil", "filer", "document", "documenten", "dokument"],
        ["deleted", "delete", "verwijderd", "verwijderen", "slettet", "slette", "gone", "kwijt", "borte", "lost"],
        ["restore", "recover", "terugzetten", "herstellen", "gjenopprette", "backup", "back-up"],
        ["drive", "mapped", "share", "netwerkschijf", "stasjon", "fileserver", "filserver", "mappe", "folder", "map"],
        ["access", "toegang", "tilgang", "permission", "rechten", "rettigheter", "autorisatie"],
        ["certificate", "cert", "certificaat", "sertifikat", "ssl", "https", "private", "secure", "onveilig", "usikker"],
        ["clock", "time", "tijd", "klokke", "klokken", "klok", "tid", "date", "datum", "dato", "timezone"],
        ["crash", "crashed", "crashes", "bluescreen", "bsod", "vastgelopen", "krasj", "krasjer", "blåskjerm", "stopcode"],
        ["bitlocker", "recovery", "herstelsleutel", "gjenopprettingsnøkkel", "recoverykey", "encryption", "versleuteling", "kryptering"],
        ["phishing", "spam", "suspicious", "verdacht", "verdachte", "mistenkelig", "scam", "oplichting", "svindel"],
        ["stolen", "gestolen", "stjålet", "verloren", "mistet", "theft", "diefstal", "tyveri"],
        ["onboarding", "joiner", "starter", "medewerker", "ansatt", "nyansatt", "employee", "collega", "kollega"],
        ["leaver", "offboarding", "vertrek", "slutter", "sluttet", "avslutte"],
        ["erp", "crm", "sap", "salesforce", "dynamics"],
        ["sim", "esim", "simkaart", "simkort", "nummer", "number"],
        ["manager", "vault", "kluis", "passordbehandler", "bitwarden", "keepass", "1password"],
        ["mac", "macbook", "macos", "apple"],
        ["follow-me", "followme", "badge", "pasje", "kort", "card", "adgangskort"],
        ["guest", "gast", "gasten", "visitor", "bezoeker", "besøkende", "gjest", "gjester"],
        ["driver", "stuurprogramma", "driveren", "drivers"],
        ["recording", "record", "opname", "opnemen", "opptak"],
        ["headset", "jabra", "plantronics", "poly", "earbuds", "oordopjes", "koptelefoon", "hodetelefon", "ørepropper"],
        ["lost", "left", "forgot", "missing", "verloren", "kwijt", "vergeten", "mistet", "glemt", "borte", "train", "trein", "tog", "taxi"],
        ["weird", "strange", "odd", "suspicious", "raar", "rare", "vreemd", "vreemde", "merkelig", "rar", "rart", "mistenkelig"],
        ["fails", "failed", "failing", "error", "errors", "mislukt", "fout", "foutmelding", "feiler", "feil", "feilmelding", "mislykkes"],
        ["dead", "empty", "drains", "draining", "leeg", "tom", "flat", "dies", "lunch", "hours", "uur", "timer"],
        ["symbols", "characters", "tekens", "tegn", "layout", "qwerty", "azerty", "letters", "bokstaver"],
        ["number", "digits", "cijfers", "sifre", "48-digit", "recovery"],
        ["hire", "starter", "starting", "joiner", "nieuwe", "collega", "ny", "nyansatt", "ansatt", "begint", "monday", "maandag", "mandag"],
    ]

    /// Folded word → the indexes of the groups it belongs to.
    static let index: [String: [Int]] = {
        var map: [String: [Int]] = [:]
        for (number, group) in groups.enumerated() {
            for word in group {
                map[SearchTerms.fold(word), default: []].append(number)
            }
        }
        return map
    }()

    /// The other words of every group `word` (or its stem) belongs to.
    static func synonyms(of word: String, stem: String) -> [String] {
        let numbers = Set((index[word] ?? []) + (index[stem] ?? []))
        return numbers.sorted().flatMap { groups[$0] }.map(SearchTerms.fold)
    }
}
