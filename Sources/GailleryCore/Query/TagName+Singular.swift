/// English singularisation of one lowercase word (the last word of a tag), for `TagName.canonical(_:)`.
///
/// Order: whole-word table (irregular plurals, invariant and pluralia-tantum words, `-ie`/`-che`/`-oe`
/// nouns), then safe suffixes (`…children`, `…men`, `…knives`, `…shoes`), then suffix rules. In a
/// hyphenated word only the last segment is looked at (`walkie-talkies` → `walkie-talkie`).
/// Every result is a fixed point (`of(of(w)) == of(w)`); the tests check this over ImageNet names.
enum Singular {
    /// The singular of `word` (already lowercased, no spaces).
    static func of(_ word: String) -> String {
        guard let hyphen = word.lastIndex(of: "-") else { return singular(word) }
        let head = word[...hyphen]
        let segment = String(word[word.index(after: hyphen)...])
        return segment.isEmpty ? word : head + singular(segment)
    }

    private static func singular(_ word: String) -> String {
        if let known = wholeWords[word] { return known }
        for (plural, singular) in suffixes where word.hasSuffix(plural) {
            return String(word.dropLast(plural.count)) + singular
        }
        return byRule(word)
    }

    /// The regular English rules, applied when no table matched.
    private static func byRule(_ word: String) -> String {
        func drop(_ count: Int) -> String { String(word.dropLast(count)) }
        let end = { (suffix: String) in word.hasSuffix(suffix) }
        guard word.count >= 2 else { return word }
        if end("'s") || end("\u{2019}s") { return drop(2) }
        if end("eaux") { return drop(1) }
        guard end("s") else { return word }
        if end("eaus") { return drop(1) }  // plateaus → plateau
        if end("ss") || end("us") || keepsTrailingIs(word) { return word }
        if end("ies") { return word.count <= 4 ? drop(1) : drop(3) + "y" }  // ties → tie, berries → berry
        if end("oes") || end("sses") || end("uses") && !end("ouses") || end("xes") || end("zzes") { return drop(2) }
        if end("ches") || end("shes") { return drop(2) }
        if end("zes"), let consonant = word.dropLast(3).last, !"aeiouyn".contains(consonant) { return drop(2) }
        return drop(1)
    }

    /// Singular nouns that end in `-is` (iris, ibis, and words over 5 letters in -itis, -osis, -ysis, -esis,
    /// -asis, -psis); other `-is` words are plurals of `-i` nouns (skis, bikinis, taxis, borzois, titis).
    private static func keepsTrailingIs(_ word: String) -> Bool {
        guard word.hasSuffix("is") else { return false }
        if singularIs.contains(word) { return true }
        return word.count > 5 && ["itis", "osis", "ysis", "esis", "asis", "psis"].contains { word.hasSuffix($0) }
    }

    private static let singularIs: Set<String> = [
        "iris", "ibis", "tennis", "mantis", "trellis", "chassis", "clematis", "metropolis", "acropolis",
        "necropolis", "axis", "penis", "pelvis", "glottis", "epiglottis", "debris", "marquis", "malinois",
        "chamois", "patois", "bourgeois", "iroquois", "this", "cannabis", "chablis", "pastis", "amaryllis",
        "portcullis", "orchis", "epidermis", "dermis", "testis", "digitalis", "haggis", "proboscis",
        "clitoris", "pubis", "physalis", "elvis", "paris", "ascaris", "basis", "oasis", "crisis", "chrysalis",
    ]

    /// Safe plural suffixes of compounds (grandchildren, firemen, penknives, horseshoes), longest first.
    private static let suffixes: [(String, String)] = [
        ("children", "child"), ("people", "person"), ("knives", "knife"), ("wives", "wife"), ("wolves", "wolf"),
        ("shelves", "shelf"), ("loaves", "loaf"), ("calves", "calf"), ("halves", "half"), ("leaves", "leaf"),
        ("thieves", "thief"), ("scarves", "scarf"), ("hooves", "hoof"), ("wharves", "wharf"),
        ("sheaves", "sheaf"), ("species", "species"), ("series", "series"),
        ("teeth", "tooth"), ("geese", "goose"), ("shoes", "shoe"), ("feet", "foot"),
        ("men", "man"),
    ]

    private static let wholeWords: [String: String] = Dictionary(
        irregular + invariant.map { ($0, $0) } + pluraliaTantum.map { ($0 + "s", $0 + "s") }
            + pluraliaTantum.map { ($0, $0 + "s") } + endingInIe.map { ($0 + "s", $0) }
            + endingInChe.map { ($0 + "s", $0) } + endingInOe.map { ($0 + "s", $0) }
            + endingInU.map { ($0 + "s", $0) },
        uniquingKeysWith: { first, _ in first }
    )

    private static let irregular: [(String, String)] = [
        ("mice", "mouse"), ("dormice", "dormouse"), ("titmice", "titmouse"), ("lice", "louse"),
        ("woodlice", "woodlouse"), ("oxen", "ox"), ("dice", "die"), ("lives", "life"), ("elves", "elf"),
        ("selves", "self"), ("quizzes", "quiz"), ("busses", "bus"), ("indices", "index"), ("matrices", "matrix"),
        ("vertices", "vertex"), ("appendices", "appendix"), ("criteria", "criterion"),
        ("phenomena", "phenomenon"), ("crises", "crisis"), ("analyses", "analysis"), ("theses", "thesis"),
        ("hypotheses", "hypothesis"), ("oases", "oasis"), ("diagnoses", "diagnosis"),
        ("parentheses", "parenthesis"), ("lenses", "lens"), ("gases", "gas"), ("atlases", "atlas"),
        ("canvases", "canvas"), ("biases", "bias"), ("aliases", "alias"), ("irises", "iris"), ("ibises", "ibis"),
        ("mantises", "mantis"), ("trellises", "trellis"), ("pelvises", "pelvis"), ("penises", "penis"),
        ("fuses", "fuse"), ("muses", "muse"), ("ruses", "ruse"), ("excuses", "excuse"), ("abuses", "abuse"),
        ("uses", "use"), ("cacti", "cactus"), ("fungi", "fungus"), ("octopi", "octopus"), ("alumni", "alumnus"),
        ("radii", "radius"), ("stimuli", "stimulus"), ("nuclei", "nucleus"), ("loci", "locus"),
        ("hippopotami", "hippopotamus"), ("termini", "terminus"), ("larvae", "larva"), ("antennae", "antenna"),
        ("algae", "alga"), ("vertebrae", "vertebra"), ("formulae", "formula"), ("nebulae", "nebula"),
        ("amoebae", "amoeba"),
    ]

    /// Words that end in `s` but are singular (or have no singular) and stay as they are.
    private static let invariant: [String] = [
        "series", "species", "pants", "shorts", "news", "lens", "gas", "atlas", "canvas", "bias", "alias",
        "christmas", "pampas", "molasses", "triceratops", "biceps", "triceps", "forceps", "chaos", "cosmos",
        "kudos", "asbestos", "rhinoceros", "thermos", "pliers", "tongs", "tights", "clothes", "means",
        "barracks", "headquarters", "crossroads", "gallows", "innings", "diabetes", "herpes", "measles",
        "mumps", "pyrenees", "flandres", "patas", "mathematics", "physics", "gymnastics", "athletics",
        "economics", "couscous", "omen", "abdomen", "specimen", "stamen", "semen", "ramen", "regimen", "hymen",
        "amen", "dolmen", "lumen", "albumen", "bitumen", "foramen", "yemen", "cyclamen",
    ]

    /// Pluralia tantum whose singular-looking form users also type (`jean` → `jeans`).
    private static let pluraliaTantum: [String] = ["jean", "trouser", "scissor"]

    /// Nouns ending in `-ie`, whose plural `-ies` must not become `-y`.
    private static let endingInIe: [String] = [
        "collie", "magpie", "potpie", "necktie", "bowtie", "cookie", "movie", "talkie", "brownie", "beanie",
        "hoodie", "smoothie", "zombie", "calorie", "goalie", "genie", "budgie", "rookie", "selfie", "prairie",
        "birdie", "hippie", "pixie", "auntie", "cowrie", "yorkie", "veggie", "lassie", "nightie", "junkie",
        "groupie", "bookie", "hankie", "sweetie", "oldie", "freebie", "cutie", "newbie", "techie", "wheelie",
        "coolie", "kelpie", "rotisserie", "lingerie", "menagerie", "patisserie", "brasserie", "boulangerie",
        "eyrie", "reverie", "hoagie", "specie", "sortie", "walkie", "pinkie", "charlie", "hottie",
    ]

    /// Nouns ending in `-che`, whose plural `-ches` must not lose the `e`.
    private static let endingInChe: [String] = [
        "mustache", "moustache", "cache", "niche", "avalanche", "cliche", "quiche", "creche", "psyche", "brioche",
        "cloche", "headache", "toothache", "earache", "backache", "stomachache", "heartache", "attache",
        "pastiche", "microfiche", "douche", "tranche", "barouche", "panache",
    ]

    /// Nouns ending in `-oe` (toe, floe), whose plural `-oes` must not become `-o`.
    private static let endingInOe: [String] = [
        "toe", "tiptoe", "canoe", "oboe", "hoe", "floe", "sloe", "roe", "doe", "foe", "woe", "aloe", "throe",
        "mistletoe",
        "hoopoe", "felloe", "tictactoe",
    ]

    /// Nouns ending in `-u` or `-ou`, whose plural `-us`/`-ous` is not a singular `-us` word.
    private static let endingInU: [String] = [
        "menu", "emu", "gnu", "tutu", "guru", "haiku", "tofu", "zebu", "sudoku", "kudzu", "tiramisu", "luau",
        "muumuu", "tzu", "caribou", "bayou", "bijou", "kinkajou", "marabou", "bantu", "impromptu", "tabu",
        "ecru", "kanzu", "jujitsu", "jiujitsu", "shiatsu",
    ]
}
