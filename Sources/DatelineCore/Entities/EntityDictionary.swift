import Foundation
import Yams

/// Known entities (canonical name, kind, aliases) used to recognize and canonicalize mentions.
///
/// The bundled dictionary is the gazetteer of places and organizations; analysts add their own
/// people, organizations and places (or override canonical names) with a YAML file:
///
/// ```yaml
/// entities:
///   - name: Tô Lâm
///     kind: person            # person | organization | place
///     aliases: [To Lam, Lam]
///   - name: Lao People's Revolutionary Party
///     kind: organization
///     aliases: [LPRP, Đảng Nhân dân Cách mạng Lào]
/// ignore: [Doi Moi]           # surface forms never to treat as entities
/// ```
/// Matching is case-, diacritic- and space-insensitive (`EntityKey`).
public struct EntityDictionary: Sendable {
    public struct Entry: Sendable, Equatable, Codable {
        public var name: String
        public var kind: EntityKind
        public var aliases: [String]

        public init(name: String, kind: EntityKind, aliases: [String] = []) {
            self.name = name; self.kind = kind; self.aliases = aliases
        }

        enum CodingKeys: String, CodingKey { case name, kind, aliases }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            kind = try c.decodeIfPresent(EntityKind.self, forKey: .kind) ?? .person
            aliases = try c.decodeIfPresent([String].self, forKey: .aliases) ?? []
        }
    }

    public private(set) var entries: [Entry] = []
    /// Keys (`EntityKey`) of surface forms never treated as entities.
    public private(set) var ignored: Set<String> = []
    private var byKey: [String: Int] = [:]
    /// Folded first token → phrases (folded token sequences) starting with it, longest first.
    private(set) var phrasesByFirstToken: [String: [Phrase]] = [:]
    /// Stands for this dictionary's phrases: replaced whenever they change, so caches of word
    /// lookups (`EntityWorkspace.cached(for:)`) are kept per dictionary content, never shared with another.
    private(set) var phrasesIdentity = PhrasesIdentity()

    /// An object whose identity names one state of a dictionary's phrases.
    final class PhrasesIdentity: Sendable {}

    /// One name or alias as folded tokens, with the capitalization a text match must have.
    struct Phrase: Sendable {
        var tokens: [String]
        var entry: Int
        /// The form is an acronym ("WHO"): only an all-capitals token matches.
        var acronym: Bool
        /// The form starts with a capital: a lower-case word in text does not match.
        var capitalized: Bool
    }

    public init(entries: [Entry] = [], ignore: [String] = []) {
        for entry in entries { add(entry) }
        for name in ignore { ignored.insert(EntityKey.make(name)) }
    }

    /// Adds an entry; a later entry for a name or alias already present replaces the earlier one.
    public mutating func add(_ entry: Entry) {
        let index = entries.count
        entries.append(entry)
        phrasesIdentity = PhrasesIdentity()
        for form in [entry.name] + entry.aliases {
            let key = EntityKey.make(form)
            guard !key.isEmpty else { continue }
            byKey[key] = index
            let tokens = EntityTokenizer.foldedTokens(form)
            guard let first = tokens.first else { continue }
            let letters = form.unicodeScalars.filter { $0.properties.isAlphabetic }
            let acronym = letters.count >= 2 && letters.allSatisfy { $0.properties.isUppercase } && tokens.count == 1
            let capitalized = form.unicodeScalars.first?.properties.isUppercase ?? false
            var list = phrasesByFirstToken[first, default: []]
            list.removeAll { $0.tokens == tokens }
            list.append(Phrase(tokens: tokens, entry: index, acronym: acronym, capitalized: capitalized))
            list.sort { $0.tokens.count > $1.tokens.count }
            phrasesByFirstToken[first] = list
        }
    }

    /// The entry whose name or alias matches `name` (case-, diacritic- and space-insensitive).
    public func lookup(_ name: some StringProtocol) -> Entry? {
        byKey[EntityKey.make(name)].map { entries[$0] }
    }

    func entry(at index: Int) -> Entry { entries[index] }

    /// The index in `entries` of the entry `lookup(name)` gives.
    func lookupIndex(_ name: some StringProtocol) -> Int? {
        byKey[EntityKey.make(name)]
    }

    /// This dictionary with `other`'s entries and ignores added; `other` wins on conflicts.
    public func merging(_ other: EntityDictionary) -> EntityDictionary {
        var merged = self
        for entry in other.entries { merged.add(entry) }
        merged.ignored.formUnion(other.ignored)
        return merged
    }

    /// Reads an analyst dictionary (YAML, format above). Errors name the file and the problem.
    public static func load(path: String) throws -> EntityDictionary {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw DictionaryError(path: path, message: "cannot read file")
        }
        return try parse(yaml: text, path: path)
    }

    public static func parse(yaml: String, path: String = "<dictionary>") throws -> EntityDictionary {
        struct File: Decodable {
            var entities: [Entry]?
            var ignore: [String]?
        }
        let file: File
        do {
            file = try YAMLDecoder().decode(File.self, from: yaml)
        } catch let DecodingError.dataCorrupted(context) {
            throw DictionaryError(path: path, message: "invalid value at \(Self.codingPath(context.codingPath)): \(context.debugDescription)")
        } catch let DecodingError.keyNotFound(key, context) {
            throw DictionaryError(path: path, message: "missing \"\(key.stringValue)\" at \(Self.codingPath(context.codingPath))")
        } catch let DecodingError.typeMismatch(_, context) {
            throw DictionaryError(path: path, message: "wrong type at \(Self.codingPath(context.codingPath)): \(context.debugDescription)")
        } catch {
            throw DictionaryError(path: path, message: "not valid YAML (\(error))")
        }
        for (i, entry) in (file.entities ?? []).enumerated() where entry.name.trimmingCharacters(in: .whitespaces).isEmpty {
            throw DictionaryError(path: path, message: "entities[\(i)] has an empty name")
        }
        return EntityDictionary(entries: file.entities ?? [], ignore: file.ignore ?? [])
    }

    private static func codingPath(_ path: [CodingKey]) -> String {
        path.isEmpty ? "top level" : path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }

    /// The gazetteer shipped with Dateline (places and organizations; see `Gazetteer`).
    public static let bundled: EntityDictionary = {
        var dictionary = EntityDictionary()
        func load(_ table: String, _ kind: EntityKind) {
            for line in table.split(separator: "\n") {
                let parts = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                guard let name = parts.first else { continue }
                dictionary.add(Entry(name: name, kind: kind, aliases: Array(parts.dropFirst())))
            }
        }
        load(Gazetteer.countries, .place)
        load(Gazetteer.vietnam, .place)
        load(Gazetteer.laos, .place)
        load(Gazetteer.world, .place)
        load(Gazetteer.organizations, .organization)
        return dictionary
    }()
}

extension EntityKind {
    public init(from decoder: Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        switch raw.lowercased() {
        case "person", "people": self = .person
        case "organization", "organisation", "org": self = .organization
        case "place", "location", "gpe": self = .place
        default:
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "kind must be person, organization or place, not \"\(raw)\""))
        }
    }
}

/// A problem in an entity dictionary file.
public struct DictionaryError: Error, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}
