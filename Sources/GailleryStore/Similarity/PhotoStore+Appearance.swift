import Foundation
import GRDB
import GailleryCore

/// What a photo looks like to "more like this": the classifier's embedding and a perceptual hash.
package struct AppearanceRecord: Sendable, Equatable {
    /// The model whose embedding this is (vectors of different models are never compared).
    package var model: String
    /// The 64-bit perceptual hash (`PerceptualHash.bits`).
    package var hash: UInt64
    /// The L2-normalised embedding.
    package var embedding: [Float]

    /// Memberwise initializer.
    package init(model: String, hash: UInt64, embedding: [Float]) {
        self.model = model
        self.hash = hash
        self.embedding = embedding
    }

    /// `embedding` as little-endian float16, the stored form.
    var float16: Data {
        var data = Data(capacity: embedding.count * 2)
        for value in embedding {
            let bits = Float16(value).bitPattern
            data.append(UInt8(truncatingIfNeeded: bits))
            data.append(UInt8(truncatingIfNeeded: bits >> 8))
        }
        return data
    }

    /// The floats of a stored little-endian float16 blob (a trailing odd byte is ignored).
    static func decode(float16 bytes: [UInt8]) -> [Float] {
        (0..<(bytes.count / 2)).map { index in
            Float(Float16(bitPattern: UInt16(bytes[2 * index]) | UInt16(bytes[2 * index + 1]) << 8))
        }
    }
}

/// How `PhotoStore.similar` came out.
package enum SimilarOutcome: Sendable, Equatable {
    /// No photo has that id.
    case unknownPhoto
    /// The photo exists but has no appearance yet (not classified, or classified before embeddings were
    /// kept); its status says which.
    case notClassified(PhotoStatus)
    /// Its nearest photos, best first.
    case neighbours([SimilarityCodes.Neighbour])
}

extension PhotoStore {
    /// Writes `photo`'s appearance inside the caller's transaction (the ingest write batch).
    package static func replaceAppearance(_ db: Database, _ photo: PhotoID, _ record: AppearanceRecord) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO photo_appearance (photo_id, model, phash, embedding) VALUES (?, ?, ?, ?)
                ON CONFLICT (photo_id) DO UPDATE SET model = excluded.model, phash = excluded.phash,
                    embedding = excluded.embedding
                """
        ).execute(arguments: [photo.rawValue, record.model, Int64(bitPattern: record.hash), record.float16])
    }

    /// Writes `photo`'s appearance in a transaction of its own (tests and benchmarks).
    package func recordAppearance(_ photo: PhotoID, _ record: AppearanceRecord) throws {
        try pool.write { db in try Self.replaceAppearance(db, photo, record) }
    }

    /// A photo's stored appearance (the embedding as stored: float16 precision), or nil.
    package func appearance(of photo: PhotoID) throws -> AppearanceRecord? {
        try pool.read { db in try Self.appearance(db, photo) }
    }

    private static func appearance(_ db: Database, _ photo: PhotoID) throws -> AppearanceRecord? {
        try Row.fetchOne(
            db, sql: "SELECT model, phash, embedding FROM photo_appearance WHERE photo_id = ?",
            arguments: [photo.rawValue]
        ).map { row in
            AppearanceRecord(
                model: row[0], hash: UInt64(bitPattern: row[1] as Int64),
                embedding: AppearanceRecord.decode(float16: Array(row[2] as Data)))
        }
    }

    /// The `limit` photos that look most like `photo` by cosine similarity of their embeddings, best first:
    /// never the photo itself, never a trashed one. A trashed photo can be asked about (its stored vector
    /// is compared with the others).
    /// - Throws: what SQLite throws.
    package func similar(to photo: PhotoID, limit: Int) throws -> SimilarOutcome {
        try pool.read { db in
            guard
                let status = try String.fetchOne(
                    db, sql: "SELECT status FROM photos WHERE id = ?", arguments: [photo.rawValue])
            else { return .unknownPhoto }
            return try similarityIndex.withCodes(db) { codes in
                if codes.contains(photo.rawValue) {
                    return .neighbours(codes.nearest(to: photo.rawValue, limit: limit))
                }
                guard let record = try Self.appearance(db, photo) else {
                    return .notClassified(PhotoStatus(rawValue: status) ?? .failed)
                }
                let found = codes.nearest(to: record.embedding, model: record.model, limit: limit + 1)
                return .neighbours(Array(found.filter { $0.id != photo.rawValue }.prefix(limit)))
            }
        }
    }

    /// Groups of near-duplicate photos among the non-trashed ones (see `DuplicateFinder`), largest first.
    /// - Throws: what SQLite throws.
    package func duplicates(maxHashDistance: Int, minSimilarity: Double) throws -> [DuplicateGroup] {
        try pool.read { db in
            try similarityIndex.withCodes(db) { codes in
                DuplicateFinder(maxHashDistance: maxHashDistance, minSimilarity: minSimilarity).groups(in: codes)
            }
        }
    }
}
