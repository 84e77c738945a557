/// A console session: the SHA-256 of its cookie value, the token it was opened with (as its
/// hash, so that revoking the token ends the session), its CSRF secret and when it expires.
public struct SessionRecord: Sendable, Equatable {
    public var sessionHash: String
    public var tokenHash: String
    public var csrf: String
    public var createdAt: Int64
    public var expiresAt: Int64

    public init(sessionHash: String, tokenHash: String, csrf: String, createdAt: Int64, expiresAt: Int64) {
        self.sessionHash = sessionHash
        self.tokenHash = tokenHash
        self.csrf = csrf
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
