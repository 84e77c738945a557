import Testing

@testable import CTNPostgres

@Suite("PostgreSQL URLs")
struct PostgresURLTests {
    @Test("A URL gives user, password, host, port, database and TLS; its description never shows the password")
    func parse() throws {
        let u = try PostgresURL("postgresql://ctn%40ops:s3cr%2Ft@127.0.0.1:6543/ctn_main")
        #expect(u.user == "ctn@ops" && u.password == "s3cr/t" && u.host == "127.0.0.1" && u.port == 6543 && u.database == "ctn_main")
        #expect(u.tls == .disable)
        #expect(u.description == "postgresql://ctn@ops:***@127.0.0.1:6543/ctn_main?sslmode=disable")
        #expect(!u.description.contains("s3cr"))
        let remote = try PostgresURL("postgres://app:pw@db.example.com/ctn?sslrootcert=/etc/ca.pem")
        #expect(remote.tls == .verifyFull && remote.port == 5432 && remote.rootCertificate == "/etc/ca.pem")
        #expect(try PostgresURL("postgresql://app:pw@db.example.com/ctn?sslmode=require").tls == .require)
        #expect(try PostgresURL("postgresql://app@localhost/ctn").password == nil)
        // The whole URL round-trips, special characters of user and password included.
        let again = try PostgresURL(u.urlWithPassword)
        #expect(
            again.user == "ctn@ops" && again.password == "s3cr/t" && again.port == 6543 && again.database == "ctn_main"
                && again.tls == .disable)
        #expect(try PostgresURL(remote.urlWithPassword).rootCertificate == "/etc/ca.pem")
    }

    @Test(
        "Bad URLs are refused with a reason that does not repeat the password",
        arguments: [
            ("mysql://u:hunter2@127.0.0.1/db", "postgresql://"),
            ("postgresql://u:hunter2@/db", "no host"),
            ("postgresql://:hunter2@127.0.0.1/db", "no user"),
            ("postgresql://u:hunter2@127.0.0.1/", "no database"),
            ("postgresql://u:hunter2@127.0.0.1/db?sslmode=maybe", "sslmode must be"),
            ("postgresql://u:hunter2@db.example.com/db?sslmode=disable", "over TLS only"),
            ("postgresql://u:hunter2@127.0.0.1/db?password=x", "only sslmode and sslrootcert"),
        ])
    func refused(_ text: String, _ reason: String) {
        #expect {
            try PostgresURL(text)
        } throws: { error in
            let d = "\(error)"
            return d.contains(reason) && !d.contains("hunter2")
        }
    }
}
