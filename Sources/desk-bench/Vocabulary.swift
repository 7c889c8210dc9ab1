/// The words a generated desk is made of: people, departments, categories and the texts
/// requesters and operators write, in English, Dutch and Norwegian.
///
/// Texts hold slots in braces (`{app}`, `{site}`, …) that `Generator` fills per ticket. Some
/// deliberately carry quotes, colons, backslashes and non-ASCII letters so the codec's quoting
/// paths are exercised as they are in real desks.

enum Language: Int, CaseIterable {
    case en = 0, nl = 1, no = 2
}

/// One text per language.
struct Tri {
    let en: [String]
    let nl: [String]
    let no: [String]

    subscript(language: Language) -> [String] {
        switch language {
        case .en: return en
        case .nl: return nl
        case .no: return no
        }
    }
}

struct Category {
    let name: String
    let weight: Int
    let group: String
    let tags: [String]
    let titles: Tri
    let problems: Tri
    let resolutions: Tri
    /// Whether the ticket usually names a device (`asset:`).
    let hasAsset: Bool
}

enum Vocabulary {
    // MARK: Organisation

    static let departments: [String] = [
        "finance", "hr", "sales", "marketing", "legal", "operations", "engineering", "customer-service",
        "facilities", "procurement", "research", "management",
    ]
    /// Relative size of each department (how many requesters it has).
    static let departmentWeights: [Int] = [10, 5, 14, 8, 3, 12, 16, 15, 4, 4, 6, 3]

    /// Operators (first, second and third line). `alice` is left out on purpose: the benchmark
    /// assigns tickets to her, which must always be a real change.
    static let operators: [String] = [
        "bob", "carol", "dave", "erin", "frank", "sanne", "joost", "femke", "ruben", "ilse", "lotte", "bram",
        "kari", "ola", "ingrid", "eirik", "silje", "magnus", "tone", "henrik", "priya", "tom", "lena", "omar",
        "yuki",
    ]

    static let channels: [String] = ["email", "portal", "phone", "walk-in", "cli", "chat"]
    static let channelWeights: [Int] = [40, 25, 20, 5, 3, 7]

    static let statuses: [String] = ["new", "open", "pending", "resolved", "closed"]
    static let statusWeights: [Int] = [10, 25, 10, 35, 20]

    static let generalTags: [String] = [
        "vip", "remote", "onboarding", "recurring", "windows", "macos", "linux", "mobile", "home-office",
        "needs-followup",
    ]

    // MARK: People

    static let languageWeights: [Int] = [60, 20, 20]

    static let firstNames = Tri(
        en: ["James", "Emma", "Oliver", "Sophie", "Harry", "Charlotte", "Jack", "Amelia", "George", "Olivia",
             "Thomas", "Grace", "William", "Lucy", "Daniel", "Hannah", "Samuel", "Chloe", "Michael", "Sarah"],
        nl: ["Daan", "Sem", "Lucas", "Levi", "Emma", "Julia", "Tess", "Sophie", "Bram", "Anouk", "Fleur", "Ruben",
             "Lotte", "Jeroen", "Maartje", "Sanne", "Joost", "Femke", "Pieter", "Ilse"],
        no: ["Jørgen", "Ingrid", "Ola", "Kari", "Sindre", "Ragnhild", "Håkon", "Solveig", "Eirik", "Silje", "Magnus",
             "Åse", "Henrik", "Marte", "Øystein", "Ingeborg", "Lars", "Tone", "Bjørn", "Sigrid"])

    static let lastNames = Tri(
        en: ["Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Thomas", "Johnson", "Roberts", "Walker",
             "Wright", "Robinson", "Thompson", "White", "Hughes", "Edwards", "Green", "Hall", "Wood", "Clarke"],
        nl: ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit",
             "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker",
             "Brouwer"],
        no: ["Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen",
             "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen", "Johannessen", "Andreassen",
             "Jacobsen", "Dahl"])

    static let sites = Tri(en: ["London", "Manchester"], nl: ["Amsterdam", "Utrecht", "Rotterdam"],
                           no: ["Oslo", "Bergen", "Trondheim"])

    static let weekdays = Tri(
        en: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
        nl: ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag"],
        no: ["mandag", "tirsdag", "onsdag", "torsdag", "fredag"])

    // MARK: Things

    static let apps: [String] = [
        "Teams", "Outlook", "Excel", "Adobe Acrobat", "Citrix Workspace", "Salesforce", "Visual Studio Code",
        "Power BI", "Zoom", "AutoCAD", "Tableau", "SPSS", "Slack", "Jira",
    ]
    static let erps: [String] = ["SAP", "AFAS", "Exact Online", "Visma", "Dynamics 365"]
    static let shares: [String] = [
        "Finance-Reports", "HR-Confidential", "Sales-Team", "Marketing-Assets", #"\\fs01\projects"#,
        #"\\fs02\contracts"#, "Board-Papers", "Engineering-Specs",
    ]

    // MARK: Body parts

    static let greetings = Tri(en: ["Hi,", "Hello IT,", "Good morning,", "Hello,"],
                               nl: ["Hoi,", "Hallo,", "Goedemorgen,", "Beste servicedesk,"],
                               no: ["Hei,", "Hei IT,", "God morgen,", "Hei brukerstøtte,"])
    static let signoffs = Tri(en: ["Thanks,", "Kind regards,", "Best,", "Thank you,"],
                              nl: ["Groet,", "Met vriendelijke groet,", "Alvast bedankt,", "Groetjes,"],
                              no: ["Mvh", "Hilsen", "Takk på forhånd,", "Vennlig hilsen"])
    static let details = Tri(
        en: ["It started on {weekday}.", "My colleague next to me has the same problem.",
             "I already restarted, that did not help.", "It is quite urgent, I have a deadline this week.",
             "I work at the {site} office, floor {floor}.", "My laptop is {asset}.",
             "It happens both in the office and at home.", "Error code: 0x80070005 (\"access denied\")."],
        nl: ["Het begon op {weekday}.", "Mijn collega naast me heeft hetzelfde probleem.",
             "Ik heb al opnieuw opgestart, dat hielp niet.", "Het is vrij dringend, ik heb deze week een deadline.",
             "Ik werk op het kantoor in {site}, verdieping {floor}.", "Mijn laptop is {asset}.",
             "Het gebeurt zowel op kantoor als thuis.", "Foutcode: 0x80070005 (\"toegang geweigerd\")."],
        no: ["Det startet på {weekday}.", "Kollegaen ved siden av meg har samme problem.",
             "Jeg har allerede startet på nytt, det hjalp ikke.", "Det haster litt, jeg har en frist denne uka.",
             "Jeg sitter på kontoret i {site}, {floor}. etasje.", "PC-en min er {asset}.",
             "Det skjer både på kontoret og hjemme.", "Feilkode: 0x80070005 (\"tilgang nektet\")."])
    static let triedHeader = Tri(en: ["What I tried:"], nl: ["Wat ik geprobeerd heb:"], no: ["Dette har jeg prøvd:"])
    static let triedSteps = Tri(
        en: ["restarted the laptop", "logged out and in again", "tried another network", "cleared the browser cache",
             "asked a colleague to try", "installed the latest updates"],
        nl: ["laptop opnieuw opgestart", "uit- en weer ingelogd", "ander netwerk geprobeerd", "browsercache gewist",
             "een collega laten proberen", "de laatste updates geïnstalleerd"],
        no: ["startet PC-en på nytt", "logget ut og inn igjen", "prøvde et annet nettverk",
             "tømte nettleserens hurtigbuffer", "ba en kollega prøve", "installerte siste oppdateringer"])

    // MARK: Activity texts

    /// Public replies from an operator; `{first}` is the requester's first name.
    static let operatorComments = Tri(
        en: ["Hi {first}, could you tell me when this started?", "Can you send a screenshot of the error?",
             "I have taken this ticket and will look at it today.", "Could you restart the device and try again?",
             "We are looking into it; I will update you by the end of the day.",
             "Is this still a problem after the update last night?", "Please try again now and let me know.",
             "Hi {first},\nI have made a change on our side.\nCould you log out and in again and tell me if it helps?"],
        nl: ["Hoi {first}, sinds wanneer speelt dit?", "Kun je een schermafdruk van de foutmelding sturen?",
             "Ik heb dit ticket opgepakt en kijk er vandaag naar.",
             "Wil je het apparaat opnieuw opstarten en het nog eens proberen?",
             "We zoeken het uit; ik laat het je voor het eind van de dag weten.",
             "Speelt dit nog steeds na de update van vannacht?", "Probeer het nu nog eens en laat het me weten.",
             "Hoi {first},\nIk heb aan onze kant iets aangepast.\nWil je uit- en weer inloggen en laten weten of het helpt?"],
        no: ["Hei {first}, når startet dette?", "Kan du sende et skjermbilde av feilmeldingen?",
             "Jeg har tatt denne saken og ser på den i dag.", "Kan du starte enheten på nytt og prøve igjen?",
             "Vi undersøker saken; jeg oppdaterer deg innen slutten av dagen.",
             "Er dette fortsatt et problem etter oppdateringen i natt?", "Prøv igjen nå og gi meg beskjed.",
             "Hei {first},\nJeg har gjort en endring hos oss.\nKan du logge ut og inn igjen og si fra om det hjelper?"])

    /// Questions an operator asks before putting a ticket on `pending`.
    static let operatorQuestions = Tri(
        en: ["Could you send me the exact error message?", "When are you in the office so we can swap the device?",
             "Can you confirm your manager approves this request?"],
        nl: ["Kun je me de precieze foutmelding sturen?", "Wanneer ben je op kantoor zodat we het apparaat kunnen omruilen?",
             "Kun je bevestigen dat je leidinggevende akkoord is?"],
        no: ["Kan du sende meg den nøyaktige feilmeldingen?", "Når er du på kontoret, så vi kan bytte enheten?",
             "Kan du bekrefte at lederen din godkjenner dette?"])

    static let requesterReplies = Tri(
        en: ["It started yesterday morning.", "Screenshot attached, the error is still there.", "Restarted, no change.",
             "Still happening, also for my colleague.", "Any update on this? I need it for a meeting tomorrow.",
             "I am in the office on {weekday}.", "Yes, my manager approved it."],
        nl: ["Het begon gisterochtend.", "Schermafdruk bijgevoegd, de fout is er nog steeds.",
             "Opnieuw opgestart, geen verschil.", "Gebeurt nog steeds, ook bij mijn collega.",
             "Is hier al nieuws over? Ik heb het morgen nodig voor een overleg.", "Ik ben {weekday} op kantoor.",
             "Ja, mijn leidinggevende is akkoord."],
        no: ["Det begynte i går morges.", "Skjermbilde vedlagt, feilen er der fortsatt.", "Startet på nytt, ingen endring.",
             "Skjer fortsatt, også for kollegaen min.", "Noe nytt her? Jeg trenger det til et møte i morgen.",
             "Jeg er på kontoret på {weekday}.", "Ja, lederen min har godkjent."])

    static let requesterThanks = Tri(en: ["Thanks, it works now!", "Great, thank you.", "Confirmed, all good."],
                                     nl: ["Bedankt, het werkt weer!", "Top, dank je.", "Bevestigd, alles werkt."],
                                     no: ["Takk, nå virker det!", "Supert, tusen takk.", "Bekreftet, alt i orden."])

    static let requesterReopen = Tri(en: ["It is broken again since this morning.", "Sorry, the problem is back."],
                                     nl: ["Het is sinds vanochtend weer stuk.", "Sorry, het probleem is terug."],
                                     no: ["Det er ødelagt igjen siden i morges.", "Beklager, problemet er tilbake."])

    /// Internal notes: staff only, written in English.
    static let internalNotes: [String] = [
        "Checked the logs, nothing obvious. Asked {op} to have a look.", "Escalated to second line.",
        "Known issue, linked to the ongoing problem record.", "Waiting for the vendor to reply.",
        "Replacement ordered, expected in 3 working days.", "Same user reported this last month.",
        "Could not reproduce on a test device.", "Reset done in AD; replication can take 15 minutes.",
        "Remote session planned for tomorrow morning.",
        "Diagnostics:\n- ping gateway: OK\n- DNS: OK\n- proxy test: failed (407)",
        "Vendor case opened: #{case}.",
    ]

    // MARK: Categories

    static let categories: [Category] = [
        Category(
            name: "accounts/password", weight: 14, group: "service-desk", tags: ["password", "mfa", "lockout"],
            titles: Tri(en: ["Password expired, cannot log in", "Locked out of my account after password change",
                             "Password reset needed for {app}"],
                        nl: ["Wachtwoord verlopen, kan niet inloggen", "Account geblokkeerd na wachtwoordwijziging",
                             "Wachtwoord resetten voor {app}"],
                        no: ["Passordet har utløpt, får ikke logget inn", "Kontoen er låst etter passordbytte",
                             "Trenger nytt passord til {app}"]),
            problems: Tri(en: ["My password expired this morning and now I cannot log in to my laptop or to {app}.",
                               "After changing my password I get \"account locked\" every time I try to log in."],
                          nl: ["Mijn wachtwoord is vanochtend verlopen en nu kan ik niet meer inloggen op mijn laptop en in {app}.",
                               "Na het wijzigen van mijn wachtwoord krijg ik steeds de melding \"account geblokkeerd\"."],
                          no: ["Passordet mitt gikk ut i dag tidlig, og nå kommer jeg ikke inn på PC-en eller i {app}.",
                               "Etter at jeg byttet passord får jeg \"kontoen er låst\" hver gang jeg logger inn."]),
            resolutions: Tri(en: ["Account unlocked and password reset; user logged in successfully.",
                                  "Old password cached on the phone caused the lockouts; removed it and unlocked the account."],
                             nl: ["Account ontgrendeld en wachtwoord gereset; gebruiker kan weer inloggen.",
                                  "Oud wachtwoord op de telefoon veroorzaakte de blokkades; verwijderd en account ontgrendeld."],
                             no: ["Kontoen er låst opp og passordet tilbakestilt; brukeren er logget inn.",
                                  "Gammelt passord lagret på mobilen låste kontoen; fjernet det og låste opp kontoen."]),
            hasAsset: false),
        Category(
            name: "accounts/access", weight: 8, group: "service-desk", tags: ["access", "onboarding", "approval"],
            titles: Tri(en: ["Need access to the {share} share", "Request: access to {app} for new colleague",
                             "Permission denied on project folder"],
                        nl: ["Toegang nodig tot de map {share}", "Aanvraag: toegang tot {app} voor nieuwe collega",
                             "Geen rechten op projectmap"],
                        no: ["Trenger tilgang til fellesmappen {share}", "Bestilling: tilgang til {app} for ny kollega",
                             "Ingen tilgang til prosjektmappen"]),
            problems: Tri(en: ["I need read and write access to {share} for the quarterly report. My manager has approved.",
                               "A new colleague starts on Monday and needs an account for {app}."],
                          nl: ["Ik heb lees- en schrijfrechten nodig op {share} voor de kwartaalrapportage. Mijn leidinggevende heeft akkoord gegeven.",
                               "Er begint maandag een nieuwe collega die een account voor {app} nodig heeft."],
                          no: ["Jeg trenger lese- og skrivetilgang til {share} for kvartalsrapporten. Lederen min har godkjent.",
                               "En ny kollega begynner på mandag og trenger konto i {app}."]),
            resolutions: Tri(en: ["Added the user to the access group after manager approval.",
                                  "Account created and licence assigned; login details sent to the manager."],
                             nl: ["Gebruiker toegevoegd aan de toegangsgroep na akkoord van de leidinggevende.",
                                  "Account aangemaakt en licentie toegekend; inloggegevens naar de leidinggevende gestuurd."],
                             no: ["Brukeren er lagt til i tilgangsgruppen etter godkjenning fra leder.",
                                  "Konto opprettet og lisens tildelt; innloggingsinfo sendt til leder."]),
            hasAsset: false),
        Category(
            name: "network/vpn", weight: 8, group: "network", tags: ["vpn", "remote", "mfa"],
            titles: Tri(en: ["VPN disconnects every few minutes", "Cannot connect to VPN from home",
                             "VPN: \"authentication failed\" since update"],
                        nl: ["VPN valt steeds weg", "Kan thuis geen verbinding maken met de VPN",
                             "VPN geeft \"authenticatie mislukt\" sinds update"],
                        no: ["VPN kobler fra hvert femte minutt", "Får ikke koblet til VPN hjemmefra",
                             "VPN: \"autentisering feilet\" etter oppdatering"]),
            problems: Tri(en: ["When working from home the VPN drops every few minutes, so Teams calls and {app} keep disconnecting.",
                               "The VPN client shows \"authentication failed\" although my password is correct."],
                          nl: ["Als ik thuiswerk valt de VPN om de paar minuten weg, waardoor Teams en {app} steeds de verbinding verliezen.",
                               "De VPN-client geeft \"authenticatie mislukt\" terwijl mijn wachtwoord klopt."],
                          no: ["Når jeg jobber hjemmefra faller VPN-en ut med noen minutters mellomrom, og Teams og {app} mister forbindelsen.",
                               "VPN-klienten sier \"autentisering feilet\" selv om passordet er riktig."]),
            resolutions: Tri(en: ["Updated the VPN client and reset the MFA token; connection stable for a full day.",
                                  "Home router dropped UDP; switched the profile to TCP 443 and the VPN stays up."],
                             nl: ["VPN-client bijgewerkt en MFA-token opnieuw gekoppeld; verbinding een hele dag stabiel.",
                                  "Thuisrouter blokkeerde UDP; profiel omgezet naar TCP 443, de VPN blijft nu verbonden."],
                             no: ["Oppdaterte VPN-klienten og tilbakestilte MFA; tilkoblingen var stabil hele dagen.",
                                  "Hjemmeruteren blokkerte UDP; byttet profilen til TCP 443 og VPN-en holder seg oppe."]),
            hasAsset: true),
        Category(
            name: "network/wifi", weight: 6, group: "network", tags: ["wifi", "office", "outage"],
            titles: Tri(en: ["Wi-Fi very slow on floor {floor} in {site}", "Laptop cannot see the guest Wi-Fi",
                             "No network in meeting room {room}"],
                        nl: ["Wifi erg traag op verdieping {floor} in {site}", "Laptop ziet het gastennetwerk niet",
                             "Geen netwerk in vergaderruimte {room}"],
                        no: ["Trådløst nett veldig tregt i {floor}. etasje i {site}", "PC-en finner ikke gjestenettet",
                             "Ikke nett på møterom {room}"]),
            problems: Tri(en: ["Since this week the Wi-Fi on floor {floor} is so slow that video calls freeze.",
                               "In room {room} my laptop connects to the Wi-Fi but gets no internet."],
                          nl: ["Sinds deze week is de wifi op verdieping {floor} zo traag dat videogesprekken vastlopen.",
                               "In ruimte {room} maakt mijn laptop verbinding met de wifi maar krijgt geen internet."],
                          no: ["Siden denne uken har det trådløse nettet i {floor}. etasje vært så tregt at videomøter fryser.",
                               "På rom {room} kobler PC-en seg til nettet, men får ikke internett."]),
            resolutions: Tri(en: ["Access point on floor {floor} was faulty and has been replaced.",
                                  "DHCP scope was full; extended the scope and cleared stale leases."],
                             nl: ["Accesspoint op verdieping {floor} was defect en is vervangen.",
                                  "DHCP-scope was vol; scope vergroot en oude leases opgeruimd."],
                             no: ["Tilgangspunktet i {floor}. etasje var defekt og er byttet.",
                                  "DHCP-området var fullt; utvidet området og ryddet gamle tildelinger."]),
            hasAsset: false),
        Category(
            name: "hardware/laptop", weight: 9, group: "workplace", tags: ["laptop", "slow", "hardware-swap"],
            titles: Tri(en: ["Laptop very slow to start", "Laptop battery drains within an hour",
                             "Laptop {asset} will not boot", "Keyboard on laptop stopped working"],
                        nl: ["Laptop start erg traag op", "Accu van laptop is binnen een uur leeg",
                             "Laptop {asset} start niet meer op", "Toetsenbord van laptop werkt niet meer"],
                        no: ["PC-en bruker lang tid på å starte", "Batteriet på PC-en er tomt etter en time",
                             "PC {asset} starter ikke", "Tastaturet på PC-en har sluttet å virke"]),
            problems: Tri(en: ["My laptop takes more than five minutes to start and is slow all day.",
                               "The laptop shows a black screen after the logo and does not get to the login screen."],
                          nl: ["Mijn laptop doet er meer dan vijf minuten over om op te starten en is de hele dag traag.",
                               "De laptop blijft na het logo op een zwart scherm hangen en komt niet bij het inlogscherm."],
                          no: ["PC-en bruker over fem minutter på å starte og er treg hele dagen.",
                               "PC-en viser svart skjerm etter logoen og kommer ikke til innloggingen."]),
            resolutions: Tri(en: ["Replaced the failing SSD and restored the user profile.",
                                  "Removed startup items and updated BIOS and drivers; boot time back to under a minute."],
                             nl: ["Defecte SSD vervangen en gebruikersprofiel teruggezet.",
                                  "Opstartprogramma's verwijderd en BIOS en drivers bijgewerkt; opstarten duurt weer minder dan een minuut."],
                             no: ["Byttet defekt SSD og gjenopprettet brukerprofilen.",
                                  "Fjernet oppstartsprogrammer og oppdaterte BIOS og drivere; oppstart tar under ett minutt igjen."]),
            hasAsset: true),
        Category(
            name: "hardware/monitor", weight: 4, group: "workplace", tags: ["monitor", "dock", "home-office"],
            titles: Tri(en: ["Second monitor not detected", "Screen flickers when docked",
                             "Request: extra monitor for home office"],
                        nl: ["Tweede scherm wordt niet herkend", "Beeldscherm knippert in docking station",
                             "Aanvraag: extra beeldscherm voor thuiswerkplek"],
                        no: ["Ekstra skjerm blir ikke oppdaget", "Skjermen flimrer i dokkingstasjonen",
                             "Bestilling: ekstra skjerm til hjemmekontor"]),
            problems: Tri(en: ["When I connect my laptop to the docking station only one of the two monitors works.",
                               "I work from home three days a week and would like a second monitor."],
                          nl: ["Als ik mijn laptop in het docking station zet werkt maar een van de twee schermen.",
                               "Ik werk drie dagen per week thuis en zou graag een tweede scherm willen."],
                          no: ["Når jeg setter PC-en i dokken virker bare én av de to skjermene.",
                               "Jeg jobber hjemmefra tre dager i uka og ønsker en ekstra skjerm."]),
            resolutions: Tri(en: ["Updated the dock firmware and replaced the DisplayPort cable.",
                                  "Monitor ordered and delivered to the requester."],
                             nl: ["Firmware van het dock bijgewerkt en DisplayPort-kabel vervangen.",
                                  "Beeldscherm besteld en bij de aanvrager afgeleverd."],
                             no: ["Oppdaterte fastvaren på dokken og byttet DisplayPort-kabelen.",
                                  "Skjerm bestilt og levert til brukeren."]),
            hasAsset: true),
        Category(
            name: "hardware/mobile", weight: 5, group: "workplace", tags: ["mobile", "mfa", "mdm"],
            titles: Tri(en: ["Company phone does not receive e-mail", "New phone: transfer MFA app", "Phone screen cracked"],
                        nl: ["Zakelijke telefoon ontvangt geen e-mail", "Nieuwe telefoon: MFA-app overzetten",
                             "Scherm van telefoon gebarsten"],
                        no: ["Jobbtelefonen får ikke e-post", "Ny telefon: flytte MFA-appen", "Knust skjerm på mobilen"]),
            problems: Tri(en: ["Since yesterday my company phone no longer receives e-mail, calendar still works.",
                               "I got a new phone and need to move the authenticator app."],
                          nl: ["Sinds gisteren komt er geen e-mail meer binnen op mijn zakelijke telefoon, de agenda werkt nog wel.",
                               "Ik heb een nieuwe telefoon en moet de authenticator-app overzetten."],
                          no: ["Siden i går får jeg ikke e-post på jobbtelefonen, kalenderen virker fortsatt.",
                               "Jeg har fått ny telefon og må flytte autentiseringsappen."]),
            resolutions: Tri(en: ["Re-enrolled the phone in device management; mail sync works again.",
                                  "MFA re-registered on the new phone; old device removed."],
                             nl: ["Telefoon opnieuw ingeschreven in apparaatbeheer; e-mail synchroniseert weer.",
                                  "MFA opnieuw geregistreerd op de nieuwe telefoon; oude toestel verwijderd."],
                             no: ["Registrerte telefonen på nytt i enhetsstyringen; e-post synkroniserer igjen.",
                                  "MFA registrert på ny telefon; gammel enhet fjernet."]),
            hasAsset: true),
        Category(
            name: "email", weight: 9, group: "service-desk", tags: ["outlook", "mailbox", "exchange"],
            titles: Tri(en: ["Outlook keeps asking for my password", "Mailbox full, cannot send e-mail",
                             "Shared mailbox {share} not visible in Outlook", "E-mail to external addresses bounces"],
                        nl: ["Outlook blijft om mijn wachtwoord vragen", "Mailbox vol, kan geen e-mail versturen",
                             "Gedeelde mailbox {share} niet zichtbaar in Outlook", "E-mail naar externe adressen komt terug"],
                        no: ["Outlook spør om passord hele tiden", "Postkassen er full, kan ikke sende e-post",
                             "Felles postkasse {share} vises ikke i Outlook", "E-post til eksterne adresser kommer i retur"]),
            problems: Tri(en: ["Outlook asks for my password every few minutes, even after I type it correctly.",
                               "I get a message that my mailbox is full and my e-mails are not sent."],
                          nl: ["Outlook vraagt om de paar minuten om mijn wachtwoord, ook als ik het goed intyp.",
                               "Ik krijg de melding dat mijn mailbox vol is en mijn e-mails worden niet verstuurd."],
                          no: ["Outlook ber om passordet med noen minutters mellomrom, selv når jeg skriver det riktig.",
                               "Jeg får beskjed om at postkassen er full, og e-postene blir ikke sendt."]),
            resolutions: Tri(en: ["Cleared cached credentials and recreated the Outlook profile.",
                                  "Enabled the online archive and moved mail older than two years."],
                             nl: ["Opgeslagen referenties gewist en Outlook-profiel opnieuw aangemaakt.",
                                  "Online archief ingeschakeld en mail ouder dan twee jaar verplaatst."],
                             no: ["Slettet lagrede påloggingsdata og laget ny Outlook-profil.",
                                  "Aktiverte nettarkiv og flyttet e-post eldre enn to år."]),
            hasAsset: false),
        Category(
            name: "printing", weight: 8, group: "service-desk", tags: ["printer", "toner", "scan"],
            titles: Tri(en: ["Printer {printer} prints blank pages", "Cannot add printer {printer}",
                             "Paper jam on {printer} on floor {floor}", "Scan to e-mail does not work"],
                        nl: ["Printer {printer} print lege pagina's", "Kan printer {printer} niet toevoegen",
                             "Papierstoring bij {printer} op verdieping {floor}", "Scannen naar e-mail werkt niet"],
                        no: ["Skriver {printer} skriver ut blanke sider", "Får ikke lagt til skriver {printer}",
                             "Papirstopp i {printer} i {floor}. etasje", "Skann til e-post virker ikke"]),
            problems: Tri(en: ["The printer {printer} on floor {floor} only prints blank pages since this morning.",
                               "When I try to add {printer} I get \"driver not available\"."],
                          nl: ["De printer {printer} op verdieping {floor} print sinds vanochtend alleen lege pagina's.",
                               "Als ik {printer} probeer toe te voegen krijg ik \"stuurprogramma niet beschikbaar\"."],
                          no: ["Skriveren {printer} i {floor}. etasje har bare skrevet ut blanke sider siden i morges.",
                               "Når jeg prøver å legge til {printer} får jeg \"driver ikke tilgjengelig\"."]),
            resolutions: Tri(en: ["Replaced the toner cartridge and cleaned the drum.",
                                  "Deployed the print driver via software centre; printer added."],
                             nl: ["Tonercassette vervangen en drum schoongemaakt.",
                                  "Printerstuurprogramma uitgerold via het softwarecentrum; printer toegevoegd."],
                             no: ["Byttet tonerkassett og rengjorde trommelen.",
                                  "Rullet ut skriverdriver via programvaresenteret; skriveren er lagt til."]),
            hasAsset: false),
        Category(
            name: "software/install", weight: 7, group: "service-desk", tags: ["install", "licence", "approval"],
            titles: Tri(en: ["Please install {app} on my laptop", "Installation of {app} fails with error 1603",
                             "Licence for {app} expired"],
                        nl: ["Graag {app} installeren op mijn laptop", "Installatie van {app} mislukt met fout 1603",
                             "Licentie voor {app} verlopen"],
                        no: ["Ønsker {app} installert på PC-en", "Installasjon av {app} feiler med feil 1603",
                             "Lisensen for {app} har utløpt"]),
            problems: Tri(en: ["For my new project I need {app}. My manager has approved the licence.",
                               "The installation of {app} stops halfway with error 1603."],
                          nl: ["Voor mijn nieuwe project heb ik {app} nodig. Mijn leidinggevende heeft de licentie goedgekeurd.",
                               "De installatie van {app} stopt halverwege met fout 1603."],
                          no: ["Til det nye prosjektet trenger jeg {app}. Lederen min har godkjent lisensen.",
                               "Installasjonen av {app} stopper halvveis med feil 1603."]),
            resolutions: Tri(en: ["Installed {app} remotely and assigned a licence.",
                                  "Removed an old version left behind and reinstalled {app}."],
                             nl: ["{app} op afstand geïnstalleerd en licentie toegekend.",
                                  "Achtergebleven oude versie verwijderd en {app} opnieuw geïnstalleerd."],
                             no: ["Installerte {app} via fjernstyring og tildelte lisens.",
                                  "Fjernet gammel versjon som lå igjen og installerte {app} på nytt."]),
            hasAsset: true),
        Category(
            name: "software/office", weight: 6, group: "service-desk", tags: ["office", "teams", "onedrive"],
            titles: Tri(en: ["Excel crashes when opening large files", "Teams has no sound in meetings",
                             "Word document will not save to OneDrive"],
                        nl: ["Excel loopt vast bij grote bestanden", "Geen geluid in Teams-vergaderingen",
                             "Word-document wordt niet opgeslagen in OneDrive"],
                        no: ["Excel krasjer ved åpning av store filer", "Ingen lyd i Teams-møter",
                             "Word-dokument lagres ikke i OneDrive"]),
            problems: Tri(en: ["Excel closes without a message when I open the monthly report.",
                               "In Teams meetings I can see everyone but I hear nothing, other sound works."],
                          nl: ["Excel sluit zonder melding af als ik het maandrapport open.",
                               "In Teams-vergaderingen zie ik iedereen maar hoor ik niets, ander geluid werkt wel."],
                          no: ["Excel lukker seg uten melding når jeg åpner månedsrapporten.",
                               "I Teams-møter ser jeg alle, men hører ingenting; annen lyd virker."]),
            resolutions: Tri(en: ["Disabled a faulty add-in and repaired the Office installation.",
                                  "Selected the headset as default device in Teams and updated the audio driver."],
                             nl: ["Defecte invoegtoepassing uitgeschakeld en Office-installatie hersteld.",
                                  "Headset als standaardapparaat in Teams ingesteld en audiodriver bijgewerkt."],
                             no: ["Deaktiverte et feilende tillegg og reparerte Office-installasjonen.",
                                  "Valgte hodesettet som standard i Teams og oppdaterte lyddriveren."]),
            hasAsset: false),
        Category(
            name: "software/erp", weight: 5, group: "applications", tags: ["erp", "month-end", "authorisation"],
            titles: Tri(en: ["{erp}: cannot post invoices", "{erp} very slow at month end",
                             "Error \"no authorisation\" in {erp}"],
                        nl: ["{erp}: facturen boeken lukt niet", "{erp} erg traag bij maandafsluiting",
                             "Foutmelding \"geen autorisatie\" in {erp}"],
                        no: ["{erp}: får ikke bokført fakturaer", "{erp} veldig tregt ved månedsslutt",
                             "Feilmelding \"ingen tilgang\" i {erp}"]),
            problems: Tri(en: ["When I post an invoice in {erp} I get an error and the invoice stays in draft.",
                               "At month end {erp} takes minutes for every screen."],
                          nl: ["Als ik een factuur boek in {erp} krijg ik een foutmelding en blijft de factuur in concept.",
                               "Bij de maandafsluiting duurt elk scherm in {erp} minuten."],
                          no: ["Når jeg bokfører en faktura i {erp} får jeg en feil, og fakturaen blir liggende som kladd.",
                               "Ved månedsslutt bruker {erp} flere minutter på hvert skjermbilde."]),
            resolutions: Tri(en: ["Missing role added to the user in {erp}.",
                                  "Batch job blocking the database was moved outside office hours."],
                             nl: ["Ontbrekende rol aan de gebruiker toegevoegd in {erp}.",
                                  "Batchtaak die de database blokkeerde is buiten kantoortijd gezet."],
                             no: ["La til manglende rolle for brukeren i {erp}.",
                                  "Flyttet batchjobben som blokkerte databasen til utenfor arbeidstid."]),
            hasAsset: false),
        Category(
            name: "security/phishing", weight: 4, group: "security", tags: ["phishing", "security", "mfa"],
            titles: Tri(en: ["Suspicious e-mail about a parcel delivery", "Clicked a link in a phishing mail",
                             "Strange login notification from another country"],
                        nl: ["Verdachte e-mail over een pakketbezorging", "Op een link in een phishingmail geklikt",
                             "Vreemde inlogmelding uit een ander land"],
                        no: ["Mistenkelig e-post om pakkelevering", "Klikket på en lenke i en phishing-e-post",
                             "Rart innloggingsvarsel fra et annet land"]),
            problems: Tri(en: ["I received an e-mail that asks me to pay customs for a parcel. It looks fake.",
                               "I clicked on a link in an e-mail and entered my password before I realised it was not real."],
                          nl: ["Ik kreeg een e-mail waarin gevraagd wordt invoerrechten voor een pakket te betalen. Het lijkt nep.",
                               "Ik heb op een link in een e-mail geklikt en mijn wachtwoord ingevuld voordat ik doorhad dat het nep was."],
                          no: ["Jeg fikk en e-post som ber meg betale toll for en pakke. Den ser falsk ut.",
                               "Jeg klikket på en lenke i en e-post og skrev inn passordet før jeg skjønte at den var falsk."]),
            resolutions: Tri(en: ["Mail removed from all mailboxes and sender blocked.",
                                  "Password reset, sessions revoked and MFA re-registered; no further sign-ins seen."],
                             nl: ["Mail uit alle mailboxen verwijderd en afzender geblokkeerd.",
                                  "Wachtwoord gereset, sessies ingetrokken en MFA opnieuw geregistreerd; geen verdere aanmeldingen gezien."],
                             no: ["E-posten er fjernet fra alle postkasser og avsenderen blokkert.",
                                  "Passord tilbakestilt, økter avsluttet og MFA registrert på nytt; ingen nye innlogginger."]),
            hasAsset: false),
        Category(
            name: "telephony", weight: 3, group: "network", tags: ["phone", "voicemail", "forwarding"],
            titles: Tri(en: ["Desk phone shows \"no service\"", "Voicemail PIN forgotten", "Call forwarding to mobile does not work"],
                        nl: ["Vaste telefoon geeft \"geen service\"", "Voicemail-pincode vergeten",
                             "Doorschakelen naar mobiel werkt niet"],
                        no: ["Bordtelefonen viser \"ingen tjeneste\"", "Har glemt PIN-koden til talepost",
                             "Viderekobling til mobil virker ikke"]),
            problems: Tri(en: ["My desk phone shows \"no service\" and I cannot make or receive calls.",
                               "Calls are not forwarded to my mobile when I am out of the office."],
                          nl: ["Mijn vaste telefoon geeft \"geen service\" en ik kan niet bellen of gebeld worden.",
                               "Gesprekken worden niet naar mijn mobiel doorgeschakeld als ik niet op kantoor ben."],
                          no: ["Bordtelefonen viser \"ingen tjeneste\", og jeg kan verken ringe eller bli oppringt.",
                               "Samtaler blir ikke viderekoblet til mobilen når jeg er ute av kontoret."]),
            resolutions: Tri(en: ["Phone re-provisioned and network port patched.",
                                  "Forwarding rule corrected in the telephony portal."],
                             nl: ["Telefoon opnieuw geprovisioned en netwerkpoort gepatcht.",
                                  "Doorschakelregel gecorrigeerd in het telefonieportaal."],
                             no: ["Telefonen er satt opp på nytt og nettverksporten koblet.",
                                  "Rettet viderekoblingsregelen i telefoniportalen."]),
            hasAsset: false),
        Category(
            name: "meeting-rooms", weight: 4, group: "workplace", tags: ["meeting-room", "av", "teams"],
            titles: Tri(en: ["Screen in meeting room {room} shows no image", "Room {room}: camera not working in Teams",
                             "Booking panel at {room} is offline"],
                        nl: ["Scherm in vergaderruimte {room} geeft geen beeld", "Ruimte {room}: camera werkt niet in Teams",
                             "Reserveringspaneel bij {room} is offline"],
                        no: ["Skjermen på møterom {room} viser ikke bilde", "Rom {room}: kameraet virker ikke i Teams",
                             "Bookingpanelet ved {room} er frakoblet"]),
            problems: Tri(en: ["When I connect my laptop in {room} the screen stays black.",
                               "The Teams room system in {room} does not show the camera, so remote people cannot see us."],
                          nl: ["Als ik mijn laptop aansluit in {room} blijft het scherm zwart.",
                               "Het Teams-systeem in {room} toont de camera niet, dus collega's op afstand zien ons niet."],
                          no: ["Når jeg kobler til PC-en på {room} forblir skjermen svart.",
                               "Teams-systemet på {room} viser ikke kameraet, så de som er med på nett ser oss ikke."]),
            resolutions: Tri(en: ["Replaced the HDMI cable and reset the room system.",
                                  "Restarted the room controller and updated its firmware."],
                             nl: ["HDMI-kabel vervangen en vergadersysteem gereset.",
                                  "Ruimtecontroller herstart en firmware bijgewerkt."],
                             no: ["Byttet HDMI-kabelen og tilbakestilte romsystemet.",
                                  "Startet romkontrolleren på nytt og oppdaterte fastvaren."]),
            hasAsset: false),
    ]
}
