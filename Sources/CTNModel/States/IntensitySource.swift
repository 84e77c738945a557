/// Where a material category's intensity comes from: the loaded dictionaries or the network's statistics.
public enum IntensitySource: String, Sendable, Equatable {
    case dictionary
    case network
}
