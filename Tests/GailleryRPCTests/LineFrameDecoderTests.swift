import NIOCore
import NIOEmbedded
import Testing

@testable import GailleryRPC

/// Line framing: splitting, CR handling, and the bound on oversized lines.
@Suite struct LineFrameDecoderTests {
    func frames(_ chunks: [String], maxLength: Int = 16) throws -> [String] {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(LineFrameDecoder(maxLength: maxLength)))
        for chunk in chunks { try channel.writeInbound(ByteBuffer(string: chunk)) }
        _ = try? channel.finish()
        var out: [String] = []
        while let frame = try channel.readInbound(as: LineFrame.self) {
            switch frame {
            case .line(let buffer): out.append(String(buffer: buffer))
            case .oversized(let count): out.append("<oversized \(count)>")
            }
        }
        return out
    }

    @Test func splitsLinesAcrossChunks() throws {
        #expect(try frames(["ab", "c\nde\r\n", "f\n"]) == ["abc", "de", "f"])
    }

    @Test func aFinalLineWithoutNewlineIsStillAMessage() throws {
        #expect(try frames(["one\ntwo"]) == ["one", "two"])
    }

    @Test func oversizedLinesAreDiscardedWhileStreamingAndReportedOnce() throws {
        let long = String(repeating: "x", count: 40)
        #expect(try frames([long.prefix(20) + "", long.suffix(20) + "\nok\n"]) == ["<oversized 40>", "ok"])
        #expect(try frames([String(repeating: "y", count: 17) + "\nfine\n"]) == ["<oversized 17>", "fine"])
        #expect(try frames([String(repeating: "z", count: 16) + "\n"]) == [String(repeating: "z", count: 16)])
    }
}

/// Top-level splitting of batch arrays.
@Suite struct BatchSplitterTests {
    func split(_ text: String) -> [String]? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { raw in
            BatchSplitter.elements(of: raw)?.map {
                String(decoding: bytes[$0], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            }
        }
    }

    @Test func splitsAtTopLevelCommasOnly() {
        #expect(split(#" [ {"a":[1,2]}, "x,]\"y", 3 ] "#) == [#"{"a":[1,2]}"#, #""x,]\"y""#, "3"])
        #expect(split("[]") == [])
    }

    @Test(arguments: ["{}", "[1,", "[1]]", "[,1]", "[1] x"])
    func rejectsWhatIsNotOneArray(text: String) {
        #expect(split(text) == nil)
    }
}
