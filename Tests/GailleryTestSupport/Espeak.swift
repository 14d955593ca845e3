/// Spoken commands for tests and benchmarks: espeak-ng piped through sox into a 16 kHz mono 16-bit WAV
/// with 0.3 s of silence around the speech (Debian packages espeak-ng and sox).
package enum Espeak {
    /// The pipeline, for `Shell.run(script, arguments(…))`: voice $1, $2 words per minute, text $3,
    /// output file $4. Positional parameters keep the text out of the shell's parsing.
    package static let script =
        #"espeak-ng -v "$1" -s "$2" --stdout "$3" | sox -R -V1 -t wav - -r 16000 -c 1 -b 16 "$4" pad 0.3 0.3"#

    /// The arguments of `script` for `text` read by `voice` at `speed` words per minute into `path`.
    package static func arguments(_ text: String, voice: String, speed: Int, path: String) -> [String] {
        [voice, String(speed), text, path]
    }
}
