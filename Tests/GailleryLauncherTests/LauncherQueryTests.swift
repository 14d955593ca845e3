import GailleryLauncher
import Testing

/// What a launcher's text becomes: a query (years and months read as dates) or a typed search command.
@Suite struct LauncherQueryTests {
    @Test(arguments: [
        ("cat", LauncherQuery.search("cat")),
        ("beach 2024", .search("beach since:2024 until:2024")),
        ("  dog   2023-06 ", .search("dog since:2023-06 until:2023-06")),
        ("dog 2023-13", .search("dog 2023-13")),
        ("route 66 12345", .search("route 66 12345")),
        ("dog | cat -beach", .search("dog | cat -beach")),
        ("show me photos of dogs", .command("show me photos of dogs")),
        ("Find pictures of cats", .command("Find pictures of cats")),
        ("show", .search("show")),
        ("delete this photo", .search("delete this photo")),
        ("next", .search("next")),
        ("", .empty),
        ("   ", .empty),
    ])
    func readsText(_ text: String, _ expected: LauncherQuery) {
        #expect(LauncherQuery(text) == expected)
    }

    @Test func gnomeTermsAreJoinedWords() {
        #expect(LauncherQuery(terms: ["beach", "2024"]) == .search("beach since:2024 until:2024"))
        #expect(LauncherQuery(terms: ["show", "me", "cats"]) == .command("show me cats"))
        #expect(LauncherQuery(terms: []) == .empty)
    }
}
