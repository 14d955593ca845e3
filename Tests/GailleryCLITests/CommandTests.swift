import ArgumentParser
import GailleryProtocol
import GailleryClient
import Testing

@testable import gaillery

@Suite struct ParsingTests {
    @Test func searchKeepsDashedWordsOfTheQuery() throws {
        let command = try #require(
            try Gaillery.parseAsRoot(["search", "dog", "-cat", "--limit", "5"]) as? SearchCommand)
        #expect(command.words == ["dog", "-cat"])
        #expect(command.limit == 5)
    }

    @Test func tagTakesSeveralValuesPerOption() throws {
        let command = try #require(
            try Gaillery.parseAsRoot(["tag", "4", "--add", "a", "b", "--remove", "c"]) as? TagCommand)
        #expect(command.id == 4 && command.add == ["a", "b"] && command.remove == ["c"])
    }

    @Test func trashAndJobsDefaultToListing() throws {
        #expect(try Gaillery.parseAsRoot(["trash", "--json"]) is TrashListCommand)
        #expect(try Gaillery.parseAsRoot(["jobs"]) is JobsListCommand)
        #expect(try Gaillery.parseAsRoot(["jobs", "cancel", "3"]) is JobsCancelCommand)
    }

    @Test(arguments: [["list", "--order", "size"], ["show"], ["tag", "1"], ["wait", "x"], ["search"], ["bogus"]])
    func usageErrorsExit64(arguments: [String]) {
        do {
            _ = try Gaillery.parseAsRoot(arguments)
            Issue.record("\(arguments) parsed")
        } catch {
            #expect(Gaillery.exitCode(for: error).rawValue == 64)
        }
    }

    @Test func globalOptionsOnSubcommands() throws {
        let command = try #require(
            try Gaillery.parseAsRoot(["status", "--socket", "/tmp/s", "--json"]) as? StatusCommand)
        #expect(command.global.socketPath == "/tmp/s" && command.global.json)
    }
}

@Suite struct ExitStatusTests {
    @Test func mapsErrorsToDocumentedStatuses() throws {
        #expect(CLIError.report(RPCError(.notFound, "photo 9 does not exist"))! == (1, "photo 9 does not exist"))
        #expect(CLIError.report(ClientError.disconnected("gone"))?.status == 3)
        #expect(CLIError.report(ClientError.notRunning(socketPath: "/s", detail: "x"))?.status == 3)
        #expect(CLIError.report(CLIError.partial("1 of 2 files failed"))! == (2, "1 of 2 files failed"))
        #expect(CLIError.report(CLIError.jobFailed("import job 1 failed: x"))?.status == 1)
        #expect(CLIError.report(ValidationError("bad")) == nil)
        #expect(CLIError.report(ExitCode(5)) == nil)
    }

    @Test func waitFailsOnFailedPhotosAndTimeouts() throws {
        let done = PhotosWait.Item(id: 1, status: "done")
        #expect(throws: Never.self) { try Waiting.check(.init(photos: [done], complete: true), timeout: 1) }
        let failed = PhotosWait.Result(
            photos: [done, .init(id: 2, status: "failed", error: "truncated")], complete: true)
        let failure = try #require(throws: CLIError.self) { try Waiting.check(failed, timeout: 1) }
        #expect(failure.exitStatus == 2 && failure.description == "1 of 2 photos failed")
        let late = PhotosWait.Result(photos: [done, .init(id: 3, status: "decoding")], complete: false)
        let error = try #require(throws: CLIError.self) { try Waiting.check(late, timeout: 30) }
        #expect(error.description == "timed out after 30.0s with 1 photo still processing")
    }
}

@Suite struct TextTests {
    private func event(_ topic: String, _ data: [String: JSONValue]) -> EventNotification {
        EventNotification(topic: topic, data: .object(data))
    }

    @Test func describesEachTopic() {
        #expect(
            EventText.describe(
                event(
                    "photo.added", ["id": .int(4), "sha256": .string("abcdef0123456789"), "status": .string("queued")]))
                == "photo 4 added (queued, sha256 abcdef012345)")
        #expect(
            EventText.describe(
                event("photo.status", ["id": .int(4), "status": .string("failed"), "error": .string("truncated")]))
                == "photo 4 failed: truncated")
        #expect(
            EventText.describe(event("photo.deleted", ["id": .int(4), "permanent": .bool(false)]))
                == "photo 4 moved to the trash")
        #expect(
            EventText.describe(event("photo.deleted", ["id": .int(4), "permanent": .bool(true)]))
                == "photo 4 deleted for good")
        #expect(EventText.describe(event("photo.restored", ["id": .int(4)])) == "photo 4 restored from the trash")
        #expect(
            EventText.describe(event("events.dropped", ["count": .int(3)]))
                == "missed 3 events (this client read too slowly)")
        #expect(
            EventText.describe(event("future.topic", ["b": .int(1), "a": .string("x/y")])) == #"{"a":"x/y","b":1}"#)
    }

    @Test func describesJobProgressFromSnakeCaseData() {
        let data: [String: JSONValue] = [
            "id": .int(7), "kind": .string("import"), "dir": .string("/p"), "recursive": .bool(true),
            "state": .string("running"),
            "total": .int(10), "processed": .int(4), "added": .int(3), "duplicates": .int(1), "failed": .int(0),
            "skipped": .int(2), "created_at": .string("2026-01-01T00:00:00Z"),
        ]
        #expect(
            EventText.describe(event("job.progress", data))
                == "import job 7 running: 3 added, 1 duplicate, 0 failed, 2 skipped (4 of 10 files) in /p")
        #expect(
            EventText.line(event("photo.restored", ["id": .int(1)]), time: "08:00:00")
                == "08:00:00  photo.restored  photo 1 restored from the trash")
    }

    @Test func photoTableShowsTagsOnlyWhenPresent() {
        var photo = PhotoInfo(
            id: 3, sha256: "ab", name: "x.jpg", format: "jpeg", byteSize: 10, width: 640, height: 480, orientation: 1,
            takenAt: nil, addedAt: "2026-01-01T00:00:00Z", status: "done", error: nil, trashedAt: nil)
        #expect(
            PhotoTable.render([photo], colour: false)
                == "ID  STATUS     SIZE  TAKEN  NAME\n 3  done    640x480  -      x.jpg")
        photo.tags = [
            .init(tag: "dog", confidence: 0.9, source: "model"), .init(tag: "cat", confidence: 0.2, source: "model"),
        ]
        photo.score = 1.1
        #expect(PhotoTable.render([photo], columns: .score, colour: false).hasSuffix("x.jpg  dog, cat"))
        #expect(PhotoTable.render([photo], columns: .score, colour: false).contains(" 3   1.10  done"))
    }
}

@Suite struct BusyTests {
    @Test func retriesBusyThenReturns() throws {
        var attempts = 0
        let value = try Busy.retrying {
            attempts += 1
            if attempts < 3 { throw RPCError(.busy, "queue full", data: .object(["retry_after_ms": .int(1)])) }
            return attempts
        }
        #expect(value == 3)
    }

    @Test func otherErrorsAreNotRetried() {
        var attempts = 0
        #expect(throws: RPCError.self) {
            try Busy.retrying {
                attempts += 1
                throw RPCError(.notFound, "photo 1 does not exist")
            }
        }
        #expect(attempts == 1)
    }
}
