import Foundation
import GailleryCore
import Testing

/// Canonical tag names: normalisation, singular/plural pairs, invariants, validation.
@Suite struct TagNameTests {
    /// (singular, plural): both must canonicalise to the singular.
    static let pairs: [(String, String)] = [
        ("dog", "dogs"), ("mouse", "mice"), ("goose", "geese"), ("person", "people"), ("child", "children"),
        ("man", "men"), ("woman", "women"), ("tooth", "teeth"), ("foot", "feet"), ("knife", "knives"),
        ("leaf", "leaves"), ("wolf", "wolves"), ("shelf", "shelves"), ("loaf", "loaves"), ("calf", "calves"),
        ("half", "halves"), ("fish", "fishes"), ("bus", "buses"), ("bus", "busses"), ("glass", "glasses"),
        ("box", "boxes"), ("berry", "berries"), ("dish", "dishes"), ("church", "churches"),
        ("tomato", "tomatoes"), ("potato", "potatoes"), ("shoe", "shoes"), ("canoe", "canoes"),
        ("octopus", "octopuses"), ("octopus", "octopi"), ("cactus", "cacti"), ("cactus", "cactuses"),
        ("iris", "irises"), ("ibis", "ibises"), ("mantis", "mantises"), ("fireman", "firemen"),
        ("grandchild", "grandchildren"), ("penknife", "penknives"), ("horseshoe", "horseshoes"),
        ("bookshelf", "bookshelves"), ("house", "houses"), ("grouse", "grouses"), ("horse", "horses"),
        ("vase", "vases"), ("maze", "mazes"), ("waltz", "waltzes"), ("kuvasz", "kuvaszes"), ("bronze", "bronzes"),
        ("buzz", "buzzes"), ("quiz", "quizzes"), ("fox", "foxes"), ("lynx", "lynxes"), ("brush", "brushes"),
        ("peach", "peaches"), ("mustache", "mustaches"), ("niche", "niches"), ("toe", "toes"), ("oboe", "oboes"),
        ("volcano", "volcanoes"), ("piano", "pianos"), ("kimono", "kimonos"), ("puppy", "puppies"),
        ("sky", "skies"), ("fly", "flies"), ("tie", "ties"), ("pie", "pies"), ("bow tie", "bow ties"),
        ("collie", "collies"), ("magpie", "magpies"), ("cookie", "cookies"), ("rotisserie", "rotisseries"),
        ("walkie-talkie", "walkie-talkies"), ("monkey", "monkeys"), ("valley", "valleys"), ("glove", "gloves"),
        ("olive", "olives"), ("stove", "stoves"), ("cliff", "cliffs"), ("reef", "reefs"), ("ski", "skis"),
        ("bikini", "bikinis"), ("taxi", "taxis"), ("borzoi", "borzois"), ("kiwi", "kiwis"), ("menu", "menus"),
        ("emu", "emus"), ("caribou", "caribous"), ("plateau", "plateaus"), ("plateau", "plateaux"),
        ("lens", "lenses"), ("gas", "gases"), ("larva", "larvae"), ("fungus", "fungi"), ("crisis", "crises"),
        ("analysis", "analyses"), ("index", "indices"), ("ox", "oxen"), ("die", "dice"), ("life", "lives"),
        ("tree", "trees"), ("eye", "eyes"), ("tissue", "tissues"), ("panda", "pandas"), ("cd", "cds"),
        ("golden retriever", "golden retrievers"), ("sea lion", "sea lions"), ("t-shirt", "t-shirts"),
        ("hotdog", "hotdogs"), ("grand piano", "grand pianos"), ("jeans", "jean"), ("trousers", "trouser"),
        ("scissors", "scissor"), ("dog", "dog's"), ("specimen", "specimens"), ("abdomen", "abdomens"),
    ]

    /// Words that must stay exactly as they are.
    static let invariants = [
        "glass", "bus", "octopus", "cactus", "iris", "ibis", "tennis", "jeans", "pants", "trousers", "shorts",
        "scissors", "fish", "sheep", "deer", "series", "species", "lens", "hippopotamus", "platypus", "albatross",
        "chambered nautilus", "triceratops", "malinois", "patas", "news", "specimen", "abdomen", "arthritis",
        "oasis", "thesis", "dress", "cuirass", "hourglass", "moose", "bison", "goose", "mouse", "couscous",
    ]

    @Test("plural and singular canonicalise to the singular", arguments: pairs)
    func pair(singular: String, plural: String) {
        #expect(TagName.canonical(plural) == singular)
        #expect(TagName.canonical(singular) == singular)
    }

    @Test("invariant words stay", arguments: invariants)
    func invariant(word: String) {
        #expect(TagName.canonical(word) == word)
    }

    @Test func normalisation() {
        #expect(TagName.canonical("  Golden \t Retrievers  ") == "golden retriever")
        #expect(TagName.canonical("Golden_Retrievers") == "golden retriever")
        #expect(TagName.canonical("#Dogs!") == "dog")
        #expect(TagName.canonical("\"Cats\"") == "cat")
        #expect(TagName.canonical("(beach)...") == "beach")
        #expect(TagName.canonical("dogs beach") == "dogs beach", "only the last word is singularised")
        #expect(TagName.canonical("Éclairs") == "éclair")
        #expect(TagName.canonical("🐶") == "🐶")
        #expect(TagName.canonical("犬") == "犬")
        #expect(TagName.canonical("c++") == "c")
        #expect(TagName.canonical("") == "")
    }

    @Test func normalizedPrefix() {
        #expect(TagName.normalizedPrefix("  Golden_Ret") == "golden ret")
        #expect(TagName.normalizedPrefix("golden ") == "golden ")
        #expect(TagName.normalizedPrefix("Cas") == "cas", "prefixes are not singularised")
        #expect(TagName.normalizedPrefix("#do") == "do")
        #expect(TagName.normalizedPrefix("") == "")
    }

    @Test func validation() throws {
        #expect(try TagName("  Dogs ").rawValue == "dog")
        #expect(TagName.isValid(String(repeating: "x", count: 64)))
        #expect(!TagName.isValid(String(repeating: "x", count: 65)))
        #expect(!TagName.isValid(""))
        #expect(!TagName.isValid("  !!! "))
        #expect(!TagName.isValid("a\u{0}b"))
        #expect(TagName.isValid("日本の犬"))
        #expect(TagName(rawValue: "dog") != nil)
        #expect(TagName(rawValue: "dogs") == nil, "rawValue must already be canonical")
        #expect(throws: TagNameError.self) { try TagName("\u{1B}[31m") }
        do {
            _ = try TagName("   ")
            Issue.record("an empty tag was accepted")
        } catch {
            #expect(error.message.hasPrefix("tag \"   \" is empty once spaces and surrounding punctuation are removed"))
        }
    }

    @Test func codableCanonicalisesAndValidates() throws {
        let decoded = try JSONDecoder().decode([TagName].self, from: Data(#"["Sea Lions"]"#.utf8))
        #expect(decoded.map(\.rawValue) == ["sea lion"])
        #expect(String(decoding: try JSONEncoder().encode(decoded), as: UTF8.self) == #"["sea lion"]"#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([TagName].self, from: Data(#"["  "]"#.utf8)) }
    }
}
