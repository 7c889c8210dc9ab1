import Foundation

/// Free text (a ticket's title and description, or what someone typed) as FTS5 search terms:
/// folded words without stop words, light stems matched as prefixes, and thesaurus synonyms.
struct SearchTerms {
    /// Each word of the text, folded, with its stem; in order of appearance, without repeats.
    private(set) var words: [(word: String, stem: String)] = []

    static let maxWords = 24

    init(_ text: String) {
        var seen = Set<String>()
        for raw in text.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "-" }) {
            let word = SearchTerms.fold(String(raw)).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
            // `e-mail` is looked up whole (the thesaurus knows it); `h-disken` also as its parts.
            let parts = word.contains("-") ? [word] + word.split(separator: "-").map(String.init) : [word]
            for part in parts where part.count >= 2 && !SearchTerms.stopWords.contains(part) && seen.insert(part).inserted {
                words.append((part, SearchTerms.stem(part)))
            }
            if words.count >= SearchTerms.maxWords { break }
        }
    }

    var isEmpty: Bool { words.isEmpty }

    /// Lower case without diacritics (`café` → `cafe`, `å` → `a`); æ and ø are letters of their
    /// own and stay, as in FTS5's tokenizer.
    static func fold(_ text: String) -> String {
        // Most words are plain ASCII: Foundation's folding costs far more than lower-casing them.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        return text.lowercased().folding(options: [.diacriticInsensitive], locale: nil)
    }

    /// A crude stem shared by English, Dutch and Norwegian: common endings removed, at least four
    /// letters kept. Matched as a prefix, `printer` finds printers, printen and printing.
    static func stem(_ word: String) -> String {
        for suffix in ["ingen", "ingene", "ende", "ene", "ing", "ers", "en", "er", "et", "es", "s", "e"]
        where word.hasSuffix(suffix) && word.count - suffix.count >= 4 {
            return String(word.dropLast(suffix.count))
        }
        return word
    }

    /// An FTS5 query matching any of the words (as stem prefixes) or, with `synonyms`, any word
    /// of their thesaurus groups. BM25 then ranks documents that match more and rarer words higher.
    func matchExpression(synonyms: Bool) -> String? {
        var terms: [String] = []
        var seen = Set<String>()
        func add(_ term: String) {
            // Only letters, digits and inner hyphens reach FTS: quoted, so `-` is not an operator.
            let clean = term.filter { $0.isLetter || $0.isNumber }
            guard clean.count >= 2, seen.insert(clean).inserted else { return }
            terms.append(clean.count >= 4 ? "\"\(clean)\"*" : "\"\(clean)\"")
        }
        for (word, stem) in words {
            add(stem)
            if synonyms { Thesaurus.synonyms(of: word, stem: stem).forEach { add(SearchTerms.stem($0)) } }
        }
        return terms.isEmpty ? nil : terms.joined(separator: " OR ")
    }

    /// Words too common to say anything about a ticket, in the three languages.
    static let stopWords: Set<String> = [
        // English
        "the", "a", "an", "and", "or", "to", "of", "in", "on", "for", "with", "is", "it", "its", "my", "i", "we", "our",
        "can", "cant", "cannot", "not", "no", "do", "does", "dont", "doesnt", "be", "been", "was", "are", "this", "that",
        "from", "at", "by", "as", "have", "has", "had", "get", "gets", "got", "when", "after", "before", "since", "still",
        "again", "me", "you", "your", "all", "any", "but", "so", "what", "how", "why", "there", "here", "up", "out",
        "about", "just", "very", "now", "today", "morning", "please", "help", "hi", "hello", "thanks", "issue", "problem",
        "problems", "working", "work", "works", "anymore", "keeps", "will", "would", "should", "could", "im", "ive",
        "also", "some", "more", "only", "every", "into", "than", "then", "them", "they", "he", "she", "him", "her",
        // Dutch
        "de", "het", "een", "en", "of", "op", "voor", "met", "niet", "geen", "ik", "wij", "mijn", "ons", "kan",
        "kunnen", "wordt", "worden", "werd", "bij", "van", "naar", "dat", "die", "dit", "er", "al", "nog", "meer", "ook",
        "maar", "als", "dan", "hoe", "wat", "waarom", "sinds", "vandaag", "weer", "toe", "uit", "om", "te", "zijn",
        "heb", "heeft", "hebben", "is", "was", "je", "jij", "u", "mij", "me", "wel", "meer", "graag", "hallo", "bedankt",
        "doet", "werkt", "lukt", "probleem", "sinds", "steeds", "telkens", "even", "zo", "zou", "moet", "moeten",
        // Norwegian
        "og", "på", "med", "er", "ikke", "jeg", "vi", "min", "mitt", "mine", "får", "det", "den", "de", "et", "av",
        "til", "fra", "som", "når", "etter", "siden", "nå", "har", "hadde", "blir", "ble", "også", "men", "hva",
        "hvordan", "hvorfor", "igjen", "hele", "alle", "meg", "du", "deg", "seg", "sin", "sitt", "kan", "vil", "skal",
        "må", "noe", "noen", "bare", "fortsatt", "hei", "takk", "virker", "fungerer", "problem", "hjelp", "da", "så",
    ]
}
