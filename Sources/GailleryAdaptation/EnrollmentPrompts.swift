/// The sentences a speaker reads to enroll (`voice.prompts`): everyday English that covers the phones
/// of US English in many contexts, and on purpose shares no word with the command grammar and the core
/// tags apart from "the", "a", "and", "of", "for" and "i", so that adaptation learns the voice, not the
/// commands.
package enum EnrollmentPrompts {
    /// The sentences, in the order they are offered.
    package static let sentences = [
        "the old wagon rolled slowly toward the rocky shore",
        "my sister bought a yellow jacket at the market last week",
        "please carry the heavy boxes up to the third floor",
        "a cold wind blew across the frozen valley that night",
        "we watched the children kick a stone in the park",
        "the kitchen smells of warm bread and hot soup",
        "he forgot to water the garden before he left for work",
        "the meeting in the city starts at a quarter past nine",
        "she painted the fence a bright shade of green",
        "thunder rolled over the hills and the rain began to fall",
        "our neighbor keeps three chickens and a goat in the yard",
        "the doctor told him to rest and sleep early",
        "a small child sang outside the window every morning",
        "they climbed the narrow trail until the sun went down",
        "the museum opens early on saturday and closes at noon",
        "i found an old letter hidden inside the wooden drawer",
        "the workers carried sand and stones to the new house",
        "you should check the tires before a long drive",
        "the library has thousands of books about history and science",
        "my brother fixed the broken gate with glue and a few nails",
        "the farmers gathered the corn before the first frost",
        "a gentle breeze moved the tall grass near the river",
        "the pilot spoke calmly as we touched the ground",
        "we ordered rice salad and a plate of noodles for lunch",
        "the teacher asked every student to read one page aloud",
        "the bells on the tower rang twelve times at midnight",
        "she keeps her keys and her purse in a leather bag",
        "the sailors went north through thick fog and high waves",
        "he poured milk into a glass and sat by the fire",
        "the yard was full of roses tulips and tomatoes",
    ]
}
