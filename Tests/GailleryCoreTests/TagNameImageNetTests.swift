import Foundation
import GailleryCore
import Testing

/// Canonicalisation over real label names: every name is a fixed point of `canonical`, and its English
/// plural canonicalises back to it. Names are ImageNet-1k class names (first synonym of each class,
/// facts, not code); the taxonomy test runs over `models/taxonomy.json` when that file exists.
@Suite struct TagNameImageNetTests {
    @Test("canonical is idempotent and plural-insensitive", arguments: imageNetNames)
    func imageNetName(name: String) {
        checkPluralRoundTrip(name)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: Self.taxonomyPath)))
    func taxonomyNames() throws {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.taxonomyPath)))
        let names = Set(Self.tagNames(in: json))
        #expect(!names.isEmpty, "no tag names found under keys \(Self.nameKeys) in \(Self.taxonomyPath)")
        for name in names.sorted() { checkPluralRoundTrip(name) }
    }

    static let taxonomyPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../models/taxonomy.json").standardized.path

    /// JSON keys whose string values (or arrays of strings) are tag names.
    static let nameKeys: Set<String> = ["tag", "tags", "name", "names", "label", "labels", "synonyms", "hypernyms"]

    static func tagNames(in json: Any, underNameKey: Bool = false) -> [String] {
        switch json {
        case let text as String: underNameKey ? [text] : []
        case let array as [Any]: array.flatMap { tagNames(in: $0, underNameKey: underNameKey) }
        case let object as [String: Any]:
            object.flatMap { key, value in tagNames(in: value, underNameKey: nameKeys.contains(key)) }
        default: []
        }
    }
}

private func checkPluralRoundTrip(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let canonical = TagName.canonical(name)
    #expect(TagName.isValid(name), "\(name)", sourceLocation: sourceLocation)
    #expect(TagName.canonical(canonical) == canonical, "not idempotent: \(name)", sourceLocation: sourceLocation)
    let plural = EnglishPlural.of(canonical)
    #expect(
        TagName.canonical(plural) == canonical, "\(name) → \(canonical); plural \(plural)",
        sourceLocation: sourceLocation)
}

/// A plain English pluraliser for the last word of a name (the inverse direction of `TagName`), kept
/// independent of the implementation under test.
enum EnglishPlural {
    static let irregular: [String: String] = [
        "mouse": "mice", "goose": "geese", "person": "people", "child": "children", "man": "men",
        "woman": "women", "tooth": "teeth", "foot": "feet", "knife": "knives", "leaf": "leaves", "wolf": "wolves",
        "shelf": "shelves", "loaf": "loaves", "calf": "calves", "half": "halves", "ox": "oxen", "cactus": "cacti",
        "fungus": "fungi", "quiz": "quizzes",
    ]
    static let unchanged: Set<String> = [
        "fish", "sheep", "deer", "series", "species", "jeans", "pants", "trousers", "shorts", "scissors",
        "bison", "moose", "malinois", "triceratops", "swine", "aircraft", "patas", "pyrenees", "flandres",
    ]

    static func of(_ name: String) -> String {
        var words = name.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard let last = words.popLast() else { return name }
        return (words + [pluralWord(last)]).joined(separator: " ")
    }

    private static func pluralWord(_ word: String) -> String {
        let segment = word.split(separator: "-").last.map(String.init) ?? word
        let head = word.dropLast(segment.count)
        let irregularMatch = irregular.first { segment == $0.key || ($0.key.count >= 4 && segment.hasSuffix($0.key)) }
        if let irregular = irregularMatch {
            return head + segment.dropLast(irregular.key.count) + irregular.value
        }
        if unchanged.contains(where: { segment.hasSuffix($0) }) { return word }
        if ["s", "x", "z", "ch", "sh"].contains(where: { word.hasSuffix($0) }) { return word + "es" }
        if word.hasSuffix("y"), let before = word.dropLast().last, !"aeiou".contains(before) {
            return word.dropLast() + "ies"
        }
        return word + "s"
    }
}

/// ImageNet-1k class names (first synonym), lowercased, a wide sample of the 1000.
let imageNetNames: [String] = [
    "tench", "goldfish", "great white shark", "tiger shark", "hammerhead", "electric ray", "stingray", "cock",
    "hen", "ostrich", "brambling", "goldfinch", "house finch", "junco", "indigo bunting", "robin", "bulbul", "jay",
    "magpie", "chickadee", "water ouzel", "kite", "bald eagle", "vulture", "great grey owl",
    "european fire salamander", "common newt", "eft", "spotted salamander", "axolotl", "bullfrog", "tree frog",
    "loggerhead", "leatherback turtle", "mud turtle", "terrapin", "box turtle", "banded gecko", "common iguana",
    "whiptail", "agama", "frilled lizard", "gila monster", "komodo dragon", "african crocodile",
    "american alligator", "triceratops", "thunder snake", "king snake", "garter snake", "boa constrictor",
    "rock python", "indian cobra", "green mamba", "sea snake", "horned viper", "diamondback", "sidewinder",
    "trilobite", "harvestman", "scorpion", "black widow", "tarantula", "wolf spider", "tick", "centipede",
    "black grouse", "ptarmigan", "ruffed grouse", "prairie chicken", "peacock", "quail", "partridge",
    "african grey", "macaw", "sulphur-crested cockatoo", "lorikeet", "coucal", "bee eater", "hornbill",
    "hummingbird", "jacamar", "toucan", "drake", "red-breasted merganser", "goose", "black swan", "tusker",
    "echidna", "platypus", "wallaby", "koala", "wombat", "jellyfish", "sea anemone", "brain coral", "flatworm",
    "nematode", "conch", "snail", "slug", "sea slug", "chiton", "chambered nautilus", "dungeness crab",
    "hermit crab", "isopod", "white stork", "spoonbill", "flamingo", "little blue heron", "american egret",
    "bittern", "crane", "limpkin", "american coot", "bustard", "ruddy turnstone", "redshank", "dowitcher",
    "oystercatcher", "pelican", "king penguin", "albatross", "grey whale", "killer whale", "dugong", "sea lion",
    "chihuahua", "japanese spaniel", "maltese dog", "pekinese", "shih-tzu", "papillon", "rhodesian ridgeback",
    "afghan hound", "basset", "beagle", "bloodhound", "black-and-tan coonhound", "borzoi", "irish wolfhound",
    "italian greyhound", "whippet", "saluki", "scottish deerhound", "weimaraner", "staffordshire bullterrier",
    "yorkshire terrier", "wire-haired fox terrier", "airedale", "cairn", "dandie dinmont", "boston bull",
    "miniature schnauzer", "lhasa", "golden retriever", "labrador retriever", "chesapeake bay retriever",
    "german short-haired pointer", "vizsla", "english setter", "brittany spaniel", "clumber", "cocker spaniel",
    "kuvasz", "schipperke", "groenendael", "malinois", "briard", "kelpie", "komondor", "old english sheepdog",
    "collie", "border collie", "bouvier des flandres", "rottweiler", "german shepherd", "doberman",
    "greater swiss mountain dog", "bernese mountain dog", "boxer", "bull mastiff", "french bulldog",
    "great dane", "saint bernard", "eskimo dog", "malamute", "siberian husky", "dalmatian", "affenpinscher",
    "basenji", "pug", "leonberg", "newfoundland", "great pyrenees", "samoyed", "pomeranian", "chow", "keeshond",
    "brabancon griffon", "pembroke", "cardigan", "toy poodle", "mexican hairless", "timber wolf", "coyote",
    "dingo", "dhole", "african hunting dog", "hyena", "red fox", "arctic fox", "tabby", "tiger cat",
    "persian cat", "siamese cat", "egyptian cat", "cougar", "lynx", "leopard", "snow leopard", "jaguar", "lion",
    "tiger", "cheetah", "brown bear", "american black bear", "ice bear", "sloth bear", "mongoose", "meerkat",
    "tiger beetle", "ladybug", "dung beetle", "rhinoceros beetle", "weevil", "fly", "bee", "ant", "grasshopper",
    "cricket", "walking stick", "cockroach", "mantis", "cicada", "leafhopper", "lacewing", "dragonfly",
    "damselfly", "admiral", "monarch", "cabbage butterfly", "starfish", "sea urchin", "sea cucumber",
    "wood rabbit", "hare", "angora", "hamster", "porcupine", "fox squirrel", "marmot", "beaver", "guinea pig",
    "sorrel", "zebra", "hog", "wild boar", "warthog", "hippopotamus", "ox", "water buffalo", "bison", "ram",
    "bighorn", "ibex", "hartebeest", "impala", "gazelle", "arabian camel", "llama", "weasel", "mink", "polecat",
    "black-footed ferret", "otter", "skunk", "badger", "armadillo", "three-toed sloth", "orangutan", "gorilla",
    "chimpanzee", "gibbon", "siamang", "guenon", "patas", "baboon", "macaque", "langur", "colobus",
    "proboscis monkey", "marmoset", "capuchin", "titi", "indri", "indian elephant", "lesser panda",
    "giant panda", "barracouta", "eel", "coho", "rock beauty", "anemone fish", "sturgeon", "gar", "lionfish",
    "puffer", "abacus", "abaya", "academic gown", "accordion", "acoustic guitar", "aircraft carrier", "airliner",
    "airship", "altar", "ambulance", "amphibian", "analog clock", "apiary", "apron", "ashcan", "assault rifle",
    "backpack", "bakery", "balance beam", "balloon", "ballpoint", "band aid", "banjo", "bannister", "barbell",
    "barber chair", "barbershop", "barn", "barometer", "barrel", "barrow", "baseball", "basketball", "bassinet",
    "bassoon", "bathing cap", "bath towel", "bathtub", "beach wagon", "beacon", "beaker", "bearskin",
    "beer bottle", "beer glass", "bell cote", "bib", "bicycle-built-for-two", "bikini", "binder", "binoculars",
    "birdhouse", "boathouse", "bobsled", "bolo tie", "bonnet", "bookcase", "bookshop", "bottlecap", "bow",
    "bow tie", "brass", "brassiere", "breakwater", "breastplate", "broom", "bucket", "buckle",
    "bulletproof vest", "bullet train", "butcher shop", "cab", "caldron", "candle", "cannon", "canoe",
    "can opener", "carousel", "carpenter's kit", "carton", "car wheel", "cash machine", "cassette",
    "cassette player", "castle", "catamaran", "cd player", "cello", "cellular telephone", "chain",
    "chainlink fence", "chain mail", "chain saw", "chest", "chiffonier", "chime", "china cabinet",
    "christmas stocking", "church", "cinema", "cleaver", "cliff dwelling", "cloak", "clog", "cocktail shaker",
    "coffee mug", "coffeepot", "coil", "combination lock", "computer keyboard", "confectionery",
    "container ship", "convertible", "corkscrew", "cornet", "cowboy boot", "cowboy hat", "cradle", "crash helmet",
    "crate", "crib", "crock pot", "croquet ball", "crutch", "cuirass", "dam", "desk", "desktop computer",
    "dial telephone", "diaper", "digital clock", "dining table", "dishrag", "dishwasher", "disk brake", "dock",
    "dogsled", "dome", "doormat", "drilling platform", "drum", "drumstick", "dumbbell", "dutch oven",
    "electric fan", "electric guitar", "envelope", "espresso maker", "face powder", "feather boa", "fireboat",
    "fire engine", "flagpole", "flute", "folding chair", "forklift", "fountain", "four-poster", "freight car",
    "french horn", "frying pan", "fur coat", "garbage truck", "gasmask", "gas pump", "goblet", "go-kart",
    "golf ball", "golfcart", "gondola", "gong", "gown", "grand piano", "greenhouse", "grille", "grocery store",
    "guillotine", "hair slide", "hair spray", "half track", "hammer", "hamper", "hand blower", "handkerchief",
    "hard disc", "harmonica", "harp", "harvester", "hatchet", "holster", "home theater", "honeycomb", "hook",
    "hoopskirt", "horizontal bar", "horse cart", "hourglass", "ipod", "iron", "jack-o'-lantern", "jean", "jeep",
    "jersey", "jigsaw puzzle", "jinrikisha", "joystick", "kimono", "knee pad", "knot", "lab coat", "ladle",
    "lampshade", "laptop", "lawn mower", "lens cap", "letter opener", "library", "lifeboat", "lighter",
    "limousine", "liner", "lipstick", "loafer", "lotion", "loudspeaker", "loupe", "lumbermill",
    "magnetic compass", "mailbag", "mailbox", "maillot", "manhole cover", "maraca", "marimba", "mask",
    "matchstick", "maypole", "maze", "measuring cup", "medicine chest", "megalith", "microphone", "microwave",
    "military uniform", "milk can", "minibus", "miniskirt", "minivan", "missile", "mitten", "mixing bowl",
    "mobile home", "model t", "modem", "monastery", "monitor", "moped", "mortar", "mortarboard", "mosque",
    "mosquito net", "motor scooter", "mountain bike", "mountain tent", "mouse", "mousetrap", "moving van",
    "muzzle", "nail", "neck brace", "necklace", "nipple", "notebook", "obelisk", "oboe", "ocarina", "odometer",
    "oil filter", "organ", "oscilloscope", "overskirt", "oxcart", "oxygen mask", "packet", "paddle",
    "paddlewheel", "padlock", "paintbrush", "pajama", "palace", "panpipe", "paper towel", "parachute",
    "parallel bars", "park bench", "parking meter", "passenger car", "patio", "pay-phone", "pedestal",
    "pencil box", "pencil sharpener", "perfume", "petri dish", "photocopier", "pick", "pickelhaube",
    "picket fence", "pickup", "pier", "piggy bank", "pill bottle", "pillow", "ping-pong ball", "pinwheel",
    "pirate", "pitcher", "plane", "planetarium", "plastic bag", "plate rack", "plow", "plunger",
    "polaroid camera", "pole", "police van", "poncho", "pool table", "pop bottle", "pot", "potter's wheel",
    "power drill", "prayer rug", "printer", "prison", "projectile", "projector", "puck", "punching bag", "purse",
    "quill", "quilt", "racer", "racket", "radiator", "radio", "radio telescope", "rain barrel",
    "recreational vehicle", "reel", "reflex camera", "refrigerator", "remote control", "restaurant", "revolver",
    "rifle", "rocking chair", "rotisserie", "rubber eraser", "rugby ball", "rule", "running shoe", "safe",
    "safety pin", "saltshaker", "sandal", "sarong", "sax", "scabbard", "scale", "school bus", "schooner",
    "scoreboard", "screen", "screw", "screwdriver", "seat belt", "sewing machine", "shield", "shoe shop", "shoji",
    "shopping basket", "shopping cart", "shovel", "shower cap", "shower curtain", "ski", "ski mask",
    "sleeping bag", "slide rule", "sliding door", "slot", "snorkel", "snowmobile", "snowplow", "soap dispenser",
    "soccer ball", "sock", "solar dish", "sombrero", "soup bowl", "space bar", "space heater", "space shuttle",
    "spatula", "speedboat", "spider web", "spindle", "sports car", "spotlight", "stage", "steam locomotive",
    "steel arch bridge", "steel drum", "stethoscope", "stole", "stone wall", "stopwatch", "stove", "strainer",
    "streetcar", "stretcher", "studio couch", "stupa", "submarine", "suit", "sundial", "sunglass", "sunglasses",
    "sunscreen", "suspension bridge", "swab", "sweatshirt", "swimming trunks", "swing", "switch", "syringe",
    "table lamp", "tank", "tape player", "teapot", "teddy", "television", "tennis ball", "thatch",
    "theater curtain", "thimble", "thresher", "throne", "tile roof", "toaster", "tobacco shop", "toilet seat",
    "torch", "totem pole", "tow truck", "toyshop", "tractor", "trailer truck", "tray", "trench coat", "tricycle",
    "trimaran", "tripod", "triumphal arch", "trolleybus", "trombone", "tub", "turnstile", "typewriter keyboard",
    "umbrella", "unicycle", "upright", "vacuum", "vase", "vault", "velvet", "vending machine", "vestment",
    "viaduct", "violin", "volleyball", "waffle iron", "wall clock", "wallet", "wardrobe", "warplane",
    "washbasin", "washer", "water bottle", "water jug", "water tower", "whiskey jug", "whistle", "wig",
    "window screen", "window shade", "windsor tie", "wine bottle", "wing", "wok", "wooden spoon", "wool",
    "worm fence", "wreck", "yawl", "yurt", "web site", "comic book", "crossword puzzle", "street sign",
    "traffic light", "book jacket", "menu", "plate", "guacamole", "consomme", "hot pot", "trifle", "ice cream",
    "ice lolly", "french loaf", "bagel", "pretzel", "cheeseburger", "hotdog", "mashed potato", "head cabbage",
    "broccoli", "cauliflower", "zucchini", "spaghetti squash", "acorn squash", "butternut squash", "cucumber",
    "artichoke", "bell pepper", "cardoon", "mushroom", "granny smith", "strawberry", "orange", "lemon", "fig",
    "pineapple", "banana", "jackfruit", "custard apple", "pomegranate", "hay", "carbonara", "chocolate sauce",
    "dough", "meat loaf", "pizza", "potpie", "burrito", "red wine", "espresso", "cup", "eggnog", "alp", "bubble",
    "cliff", "coral reef", "geyser", "lakeside", "promontory", "sandbar", "seashore", "valley", "volcano",
    "ballplayer", "groom", "scuba diver", "rapeseed", "daisy", "yellow lady's slipper", "corn", "acorn", "hip",
    "buckeye", "coral fungus", "agaric", "gyromitra", "stinkhorn", "earthstar", "hen-of-the-woods", "bolete",
    "ear", "toilet tissue", "dog", "cat", "bird", "car", "person", "people", "child", "beach", "glasses",
]
