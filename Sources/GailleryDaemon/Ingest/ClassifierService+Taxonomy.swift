import Foundation
import GailleryClassifier
import GailleryCore

extension ClassifierService {
    /// The search side's words from the loaded classifier's taxonomy, else from the one in
    /// `modelsDirectory` read now: its aliases ("automobile" for car) and its everyday categories, in
    /// the file's order (`tags.list` puts them first). Neither needs the model, so a daemon without
    /// ONNX Runtime still finds "automobile" among photos classified earlier; with no readable
    /// taxonomy, no aliases and no categories.
    func searchWords(orIn modelsDirectory: URL?) -> (aliases: TagAliases, everyday: [String]) {
        let taxonomy = loaded?.taxonomy ?? modelsDirectory.flatMap { try? Taxonomy.load(modelsDirectory: $0) }
        guard let taxonomy else { return (TagAliases(), []) }
        return (taxonomy.aliases, taxonomy.categories.map(\.rawValue))
    }
}
