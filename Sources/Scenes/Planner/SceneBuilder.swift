import AudioEngine
import SoundLibrary
/// Steps 3 and 4 of planning: lexicon phrases found in a prompt → layers, then modifiers.
struct SceneBuilder {
    let lexicon: Lexicon
    let catalog: SoundCatalog
    var matches: [PhraseMatch]

    /// A layer being planned, with what the prompt said about it.
    private struct Draft {
        var layer: LayerSettings
        /// Display order: where its word was in the prompt, then its place in the place's list.
        var order: (Int, Int)
        /// Named by the prompt itself, not only brought by a place or the default.
        var named = false
        /// The prompt named the variant ("rain on the roof"); nothing overrides it.
        var variantNamed = false
    }

    private var drafts: [Draft] = []
    private var master: Float
    private var evolve = false
    /// Sounds renamed by a scene modifier ("night": birds → crickets), so later modifiers find them.
    private var renamed: [String: String] = [:]

    init(lexicon: Lexicon, catalog: SoundCatalog, matches: [PhraseMatch]) {
        self.lexicon = lexicon
        self.catalog = catalog
        self.matches = matches
        self.master = lexicon.defaultMaster
    }

    mutating func build() -> Scene {
        let excluded = excludedSounds()
        let targets = resolveModifierTargets()
        addPlaces(excluding: excluded)
        addNamedSounds(excluding: excluded)
        applyPlaceVariants()
        if drafts.isEmpty { addDefaultLayers(excluding: excluded) }
        applySceneChanges()
        applySettings(targets: targets)
        return finish()
    }

    // MARK: - Layers

    /// The sound or place a match names: a lexicon term, or a sound known only to the catalogue.
    private func term(of match: PhraseMatch) -> Lexicon.Term? {
        switch match.entry {
        case .term(let index): return lexicon.terms[index]
        case .catalogSound(let name):
            return Lexicon.Term(
                kind: .sound, words: [name],
                layers: [Lexicon.LayerTemplate(sound: name, variant: nil, weight: nil, intensity: nil)], variants: [:])
        case .modifier, .negation: return nil
        }
    }

    private func terms(ofKind kind: Lexicon.Term.Kind) -> [(match: PhraseMatch, term: Lexicon.Term)] {
        matches.compactMap { match in
            guard let term = term(of: match), term.kind == kind else { return nil }
            return (match, term)
        }
    }

    /// "no thunder", "without birds": the sounds of the next term in the same clause.
    private mutating func excludedSounds() -> Set<String> {
        var excluded: Set<String> = []
        var negated: Set<Int> = []
        for (index, match) in matches.enumerated() where match.entry == .negation {
            let next = matches[(index + 1)...].first { term(of: $0) != nil }
            guard let next, next.clause == match.clause, let term = term(of: next) else { continue }
            excluded.formUnion(term.layers.map(\.sound))
            negated.insert(next.position)
        }
        matches.removeAll { negated.contains($0.position) || $0.entry == .negation }
        return excluded
    }

    private func draftIndex(of sound: String) -> Int? {
        drafts.firstIndex { $0.layer.sound == sound }
    }

    private mutating func addPlaces(excluding excluded: Set<String>) {
        for (match, term) in terms(ofKind: .place) {
            for (offset, template) in term.layers.enumerated() where !excluded.contains(template.sound) {
                if let index = draftIndex(of: template.sound) {
                    drafts[index].layer.weight = max(drafts[index].layer.weight, template.weight ?? 0)
                    continue
                }
                let layer = LayerSettings(
                    sound: template.sound, variant: template.variant, weight: template.weight ?? 0.7,
                    intensity: template.intensity ?? 0.5)
                drafts.append(Draft(layer: layer, order: (match.position, offset)))
            }
        }
    }

    private mutating func addNamedSounds(excluding excluded: Set<String>) {
        for (match, term) in terms(ofKind: .sound) {
            for template in term.layers where !excluded.contains(template.sound) {
                guard let index = draftIndex(of: template.sound) else {
                    var draft = Draft(
                        layer: LayerSettings(
                            sound: template.sound, variant: template.variant, weight: template.weight ?? 0.7,
                            intensity: template.intensity ?? 0.5),
                        order: (match.position, 0))
                    draft.named = true
                    draft.variantNamed = template.variant != nil
                    drafts.append(draft)
                    continue
                }
                // Already brought by a place or named before: the words of this mention refine it,
                // and it is listed where the prompt first names it.
                drafts[index].named = true
                if (match.position, 0) < drafts[index].order { drafts[index].order = (match.position, 0) }
                if let variant = template.variant {
                    drafts[index].layer.variant = variant
                    drafts[index].variantNamed = true
                }
                if let intensity = template.intensity { drafts[index].layer.intensity = intensity }
                if let weight = template.weight {
                    drafts[index].layer.weight = max(drafts[index].layer.weight, weight)
                }
            }
        }
    }

    /// Rain in a forest falls on leaves: the first place that has an opinion sets the variant
    /// of a sound whose variant neither the prompt nor the place that brought it chose.
    private mutating func applyPlaceVariants() {
        for (_, place) in terms(ofKind: .place) {
            for index in drafts.indices where !drafts[index].variantNamed {
                if let variant = place.variants[drafts[index].layer.sound],
                    drafts[index].layer.variant == nil
                {
                    drafts[index].layer.variant = variant
                }
            }
        }
    }

    private mutating func addDefaultLayers(excluding excluded: Set<String>) {
        var templates = lexicon.defaultLayers.filter { !excluded.contains($0.sound) }
        // "no rain": the default without its rain is still a scene; never plan silence.
        if templates.isEmpty { templates = lexicon.defaultLayers }
        for (offset, template) in templates.enumerated() {
            let layer = LayerSettings(
                sound: template.sound, variant: template.variant, weight: template.weight ?? 0.7,
                intensity: template.intensity ?? 0.5)
            drafts.append(Draft(layer: layer, order: (Int.max, offset)))
        }
    }

    // MARK: - Modifiers

    private func modifier(_ match: PhraseMatch) -> Lexicon.Modifier? {
        guard case .modifier(let index) = match.entry else { return nil }
        return lexicon.modifiers[index]
    }

    /// The term each layer modifier qualifies (by index in `matches`), found before any layer
    /// exists; a modifier with nothing to qualify and an `otherwise` place becomes that place.
    private mutating func resolveModifierTargets() -> [Int: Int] {
        var targets: [Int: Int] = [:]
        for (index, match) in matches.enumerated() {
            guard let modifier = modifier(match), modifier.scope == .layer else { continue }
            let candidates = matches.indices.filter { candidate in
                term(of: matches[candidate])?.layers.contains { qualifies(modifier, $0.sound) } ?? false
            }
            // Nearest in its own clause, then anywhere; on a tie the word after ("heavy rain") wins.
            func distance(_ candidate: Int) -> (Int, Int, Int) {
                let other = matches[candidate]
                let sameClause = other.clause == match.clause ? 0 : 1
                let gap = abs(other.position - match.position)
                return (sameClause, gap, other.position > match.position ? 0 : 1)
            }
            if let best = candidates.min(by: { distance($0) < distance($1) }) {
                targets[index] = best
            } else if let place = modifier.otherwise {
                matches[index].entry = .term(place)
            }
        }
        return targets
    }

    /// Replacements and preferred variants of scene modifiers ("night", "dawn"), before any numbers change.
    private mutating func applySceneChanges() {
        for match in matches {
            guard let modifier = modifier(match), modifier.scope == .scene else { continue }
            for (from, to) in modifier.replacements.sorted(by: { $0.key < $1.key }) {
                guard let index = draftIndex(of: from), !drafts[index].named else { continue }
                if draftIndex(of: to) != nil {
                    drafts.remove(at: index)
                } else {
                    drafts[index].layer.sound = to
                    drafts[index].layer.variant = nil
                }
                renamed[from] = to
            }
            for index in drafts.indices where !drafts[index].variantNamed {
                if let variant = modifier.variants[drafts[index].layer.sound] {
                    drafts[index].layer.variant = variant
                }
            }
        }
    }

    private mutating func applySettings(targets: [Int: Int]) {
        for (index, match) in matches.enumerated() {
            guard let modifier = modifier(match) else { continue }
            if modifier.scope == .layer, let target = targets[index], let term = term(of: matches[target]) {
                let sounds = Set(term.layers.map { renamed[$0.sound] ?? $0.sound })
                for draft in drafts.indices where sounds.contains(drafts[draft].layer.sound) {
                    adjust(draft, by: modifier)
                }
            } else {
                for draft in drafts.indices { adjust(draft, by: modifier) }
                if let scale = modifier.masterScale { master *= scale }
                if let evolve = modifier.evolve { self.evolve = evolve }
            }
        }
    }

    /// Whether `modifier` can change `sound`. The lexicon cannot know what a learned layer
    /// sounds like, so every modifier may qualify one the prompt names ("distant myrain").
    private func qualifies(_ modifier: Lexicon.Modifier, _ sound: String) -> Bool {
        modifier.qualifies(sound) || matches.contains { $0.entry == .catalogSound(sound) }
    }

    private mutating func adjust(_ index: Int, by modifier: Lexicon.Modifier) {
        guard qualifies(modifier, drafts[index].layer.sound) else { return }
        var layer = drafts[index].layer
        if let intensity = modifier.intensity { layer.intensity = intensity }
        if let weight = modifier.weight { layer.weight = weight }
        if let offset = modifier.intensityOffset { layer.intensity += offset }
        if let scale = modifier.weightScale { layer.weight *= scale }
        layer.intensity = min(max(layer.intensity, 0), 1)
        layer.weight = min(max(layer.weight, 0), 1)
        drafts[index].layer = layer
    }

    // MARK: - Result

    private func finish() -> Scene {
        // The engine plays at most `Engine.maximumLayers`: keep the sounds the prompt named,
        // then the loudest of those its places brought.
        var kept = drafts
        if kept.count > Engine.maximumLayers {
            let ranked = kept.indices.sorted { a, b in
                (kept[a].named ? 0 : 1, -kept[a].layer.weight, a) < (kept[b].named ? 0 : 1, -kept[b].layer.weight, b)
            }
            let keep = Set(ranked.prefix(Engine.maximumLayers))
            kept = kept.indices.filter { keep.contains($0) }.map { kept[$0] }
        }
        let ordered = kept.enumerated().sorted { a, b in
            (a.element.order.0, a.element.order.1, a.offset) < (
                b.element.order.0, b.element.order.1, b.offset
            )
        }
        let layers = ordered.map { _, draft in
            var layer = draft.layer
            if layer.variant == nil { layer.variant = catalog.defaultVariant(of: layer.sound) }
            layer.weight = Self.rounded(layer.weight)
            layer.intensity = Self.rounded(layer.intensity)
            return layer
        }
        return Scene(layers: layers, master: Self.rounded(min(max(master, 0), 1)), evolve: evolve)
    }

    /// Two decimals: plans are read by people, and 0.56 says as much as 0.5600001.
    private static func rounded(_ value: Float) -> Float { (value * 100).rounded() / 100 }
}
