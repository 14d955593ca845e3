import Foundation
import GailleryAudio
import GailleryCore
import GaillerySpeech

/// The tables of `gaillery-bench speech`.
extension SpeechBenchmark {
    /// One recognition: the result and the CPU time spent during it.
    struct Measured {
        /// What the recognizer said.
        var result: RecognitionResult
        /// Process CPU time (user and system, every thread) spent in the call, in ms.
        var cpu: Double
        /// CPU time of the calling thread alone, in ms: with a core free for the phone loop's thread,
        /// the least wall time the call can take.
        var callerCPU: Double

        /// Recognizes `audio` with `pool`, measuring CPU time around the call.
        ///
        /// - Throws: recognizer errors.
        init(result: RecognitionResult, cpu: Double, callerCPU: Double) {
            self.result = result
            self.cpu = cpu
            self.callerCPU = callerCPU
        }

        init(_ pool: RecognizerPool, _ audio: PCMAudio) throws {
            let (process, thread) = (Self.cpu(CLOCK_PROCESS_CPUTIME_ID), Self.cpu(CLOCK_THREAD_CPUTIME_ID))
            result = try pool.recognize(audio)
            cpu = Self.cpu(CLOCK_PROCESS_CPUTIME_ID) - process
            callerCPU = Self.cpu(CLOCK_THREAD_CPUTIME_ID) - thread
        }

        /// CPU time of `clock` (the process's or the calling thread's) so far, in ms.
        static func cpu(_ clock: clockid_t) -> Double {
            var now = timespec()
            clock_gettime(clock, &now)
            return Double(now.tv_sec) * 1000 + Double(now.tv_nsec) / 1e6
        }
    }

    /// Prints the timing table (both phone-loop paths, interleaved in the run) and the accuracy table.
    static func report(
        _ clips: [Clip], ours: [String: Measured], baselineRuns: [String: Measured],
        theirs: [String: (ParsedIntent, Double, Double)], durations: [String: Double], enrolled: Bool = false
    ) {
        func row(_ cells: [String]) { print("| " + cells.joined(separator: " | ") + " |") }
        let commands = clips.filter { $0.set == "target" || $0.set == "stress" }
        print("\nTimes in ms, median / p90 over \(commands.count) commands of 2-3 s (A/B interleaved):\n")
        row(["recognizer", "features", "decode", "total", "CPU", "CPU, calling thread", "real-time factor"])
        row(["---", "---", "---", "---", "---", "---", "---"])
        let names =
            enrolled
            ? ("gaillery, each voice enrolled", "gaillery, not enrolled")
            : (
                "gaillery: own senone scoring, both searches concurrent",
                "gaillery before: pocketsphinx scores in the grammar search, loop reads them (pipe)"
            )
        for (name, runs) in [(names.0, ours), (names.1, baselineRuns)] {
            let timed = commands.compactMap { runs[$0.name] }
            let rtf = commands.compactMap { clip in
                runs[clip.name].map { $0.result.timings.total / durations[clip.name]! }
            }
            row([
                name, stats(timed.map(\.result.timings.features)), stats(timed.map(\.result.timings.decode)),
                stats(timed.map(\.result.timings.total)), stats(timed.map(\.cpu)), stats(timed.map(\.callerCPU)),
                stats(rtf, 3),
            ])
        }
        func ratio(_ value: (Measured) -> Double) -> String {
            let new = median(commands.compactMap { ours[$0.name].map(value) })
            let old = median(commands.compactMap { baselineRuns[$0.name].map(value) })
            return format(new / old, 2)
        }
        row([
            "now / before (ratio of medians)", "—", ratio(\.result.timings.decode), ratio(\.result.timings.total),
            ratio(\.cpu), ratio(\.callerCPU), "—",
        ])
        row([
            "pocketsphinx_continuous -infile (its front end; grammar only)", "—",
            stats(commands.compactMap { theirs[$0.name]?.2 }) + " (its log)",
            stats(commands.compactMap { theirs[$0.name]?.1 }) + " (process)", "—", "—", "—",
        ])
        let pairs = clips.compactMap { clip -> (RecognitionResult, RecognitionResult)? in
            guard let new = ours[clip.name], let old = baselineRuns[clip.name] else { return nil }
            return (new.result, old.result)
        }
        let decided = pairs.filter { $0.intent.name == $1.intent.name && $0.slots == $1.slots }
        let same = pairs.filter {
            $0.transcript == $1.transcript && $0.intent == $1.intent && $0.evidence == $1.evidence
        }
        print(
            "\nNow and before: same intent and tags on \(decided.count) of \(clips.count) clips; same transcript, "
                + "confidence and evidence on \(same.count).\n")
        accuracy(
            clips, ours: ours.mapValues(\.result), theirs: theirs,
            baseline: enrolled ? baselineRuns.mapValues(\.result) : nil)
    }

    /// Prints the accuracy table: right and wrongly acted on per condition, and what was acted on
    /// among out-of-grammar clips and noise.
    static func accuracy(
        _ clips: [Clip], ours: [String: RecognitionResult], theirs: [String: (ParsedIntent, Double, Double)],
        baseline: [String: RecognitionResult]? = nil
    ) {
        func right(_ clip: Clip, _ intent: Intent, _ tags: [TagName]) -> Bool {
            intent == clip.intent && Set(tags.map(\.rawValue)) == Set(clip.tags)
        }
        func row(_ cells: [String]) { print("| " + cells.joined(separator: " | ") + " |") }
        let extra = baseline == nil ? [] : ["not enrolled: right", "not enrolled: wrong action"]
        row(["set", "clips", "gaillery right", "gaillery wrong action"] + extra + ["pocketsphinx right"])
        row(Array(repeating: "---", count: 5 + extra.count))
        func counts(_ group: [Clip], _ results: [String: RecognitionResult]) -> (right: Int, wrong: Int) {
            let decided = group.compactMap { clip in results[clip.name].map { (clip, $0) } }
            return (
                decided.filter { right($0, $1.intent.name, $1.slots.tags) }.count,
                decided.filter { $1.intent.name != .none && !right($0, $1.intent.name, $1.slots.tags) }.count
            )
        }
        let target = clips.filter { $0.set == "target" }
        let stress = clips.filter { $0.set == "stress" }
        var groups: [(String, [Clip])] = [("target: US voices, clean/30/20 dB", target)]
        for snr in [nil, 30, 20] as [Double?] {
            groups.append(("target at " + (snr.map { "\(Int($0)) dB" } ?? "clean"), target.filter { $0.snr == snr }))
        }
        groups.append(("stress: British/Caribbean voices", stress.filter { stressVoices.contains($0.voice) }))
        groups.append(("stress: US voices at 15/10 dB", stress.filter { !stressVoices.contains($0.voice) }))
        for (name, group) in groups {
            let mine = counts(group, ours)
            let other = baseline.map { counts(group, $0) }
            let psOK = group.filter { clip in theirs[clip.name].map { right(clip, $0.0.intent, $0.0.tags) } ?? false }
            row(
                [name, "\(group.count)", percent(mine.right, group.count), "\(mine.wrong)"]
                    + (other.map { [percent($0.right, group.count), "\($0.wrong)"] } ?? [])
                    + [percent(psOK.count, group.count)])
        }
        for (set, name) in [("oog", "out-of-grammar sentences: acted on"), ("noise", "noise and silence: acted on")] {
            let group = clips.filter { $0.set == set }
            let acted = group.filter { ours[$0.name]?.intent.name != Intent.none }
            let psActed = group.filter { clip in theirs[clip.name].map { $0.0.intent != .none } ?? false }
            let otherActed = baseline.map { results in group.filter { results[$0.name]?.intent.name != Intent.none } }
            row(
                [name, "\(group.count)", percent(acted.count, group.count), "—"]
                    + (otherActed.map { [percent($0.count, group.count), "—"] } ?? [])
                    + [set == "oog" ? percent(psActed.count, group.count) : "—"])
            for clip in acted {
                row(
                    ["acted: \"\(clip.text)\" → \(ours[clip.name]!.transcript)"]
                        + Array(repeating: "", count: 4 + extra.count))
            }
        }
    }

    /// One tab-separated line per clip (`--dump FILE`): what was expected, what the grammar search
    /// decoded, whether acting on it would be right, the rejection score, what the recognizer decided,
    /// and every measurement of the evidence (enough to refit `RejectionModel`). For studying the
    /// rejection rule.
    static func evidenceTable(_ clips: [Clip], ours: [String: RecognitionResult], parser: IntentParser) -> String {
        let rule = RecognizerConfiguration()
        var lines = [
            "clip\tset\tvoice\tsnr\texpected\tdecoded\tright\tscore\tmargin\tweakest_word\tstretch\tacted\ttranscript"
                + "\tframes\tweakest_window\tphone_mismatch\trate_spread\tpath_score\tloop_score"
        ]
        for clip in clips {
            guard let result = ours[clip.name] else { continue }
            let decoded = parser.parse(text: result.transcript)
            let right = decoded.intent == clip.intent && Set(decoded.tags.map(\.rawValue)) == Set(clip.tags)
            let measured: [String] =
                result.evidence.map { evidence in
                    [
                        format(rule.rejection.score(evidence), 3), format(evidence.margin, 3),
                        format(evidence.weakestWordMargin, 3), format(evidence.longestWordStretch, 1),
                    ]
                } ?? ["", "", "", ""]
            let more: [String] =
                result.evidence.map { evidence in
                    [
                        "\(evidence.frames)", format(evidence.weakestWindowMargin, 4),
                        format(evidence.phoneCountMismatch, 4), format(evidence.rateSpread, 4),
                        format(evidence.pathScore, 4), format(evidence.loopScore, 4),
                    ]
                } ?? ["", "", "", "", "", ""]
            let expected = [
                clip.name, clip.set, clip.voice, clip.snr.map { "\(Int($0))" } ?? "clean", clip.intent.rawValue,
                decoded.intent.rawValue, right ? "1" : "0",
            ]
            let fields = expected + measured + [result.intent.name.rawValue, result.transcript] + more
            lines.append(fields.joined(separator: "\t"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "median / p90" of `values` (NaN left out).
    static func stats(_ values: [Double], _ digits: Int = 1) -> String {
        let sorted = values.filter { !$0.isNaN }.sorted()
        guard !sorted.isEmpty else { return "—" }
        let p90 = sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.9).rounded(.up)) - 1)]
        return "\(format(sorted[sorted.count / 2], digits)) / \(format(p90, digits))"
    }

    /// The median of `values` (NaN when empty).
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
    }

    /// "part (x.x %)".
    static func percent(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "—" : "\(part) (\(format(100 * Double(part) / Double(whole), 1)) %)"
    }
}
