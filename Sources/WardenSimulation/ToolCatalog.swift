import WardenEngine
import WardenJSON

/// A tool call as the simulator writes it: name, operation, what it touches and its arguments.
struct ToolCall: Sendable, Hashable {
    let name: String
    let operation: String
    let arguments: JSONObject
    let target: SimTarget
    /// Matches the starter pack's `destructive_action` macro (counted against the hourly budget).
    var isDestructive: Bool {
        ToolCatalog.destructiveOperations.contains(operation) || ToolCatalog.destructiveTools.contains(name)
    }
}

struct SimTarget: Sendable, Hashable {
    let kind: String
    let id: String
    let environment: String
    let sensitivity: String
}

/// The tools and targets of the simulated institution.
enum ToolCatalog {
    /// Mirrors of the starter pack's lists, used to keep benign traffic clear of its rules.
    static let destructiveOperations = ["delete", "drop", "truncate", "destroy", "purge"]
    static let destructiveTools = [
        "db.drop_table", "db.truncate", "fs.delete", "fs.rmdir", "k8s.delete", "git.force_push", "s3.delete_bucket",
    ]

    static let nonProduction = ["development", "staging"]
    static let environments = ["development", "staging", "production"]
    static let repositories = ["payments-api", "ledger-service", "web-portal", "risk-models", "infra-config"]
    static let databases = ["core.accounts", "ledger.entries", "risk.scores", "analytics.events"]
    static let services = ["payments-api", "ledger-service", "fraud-scorer", "notifications"]
    static let secrets = ["kv/payments/db-password", "kv/ledger/api-key", "kv/ci/deploy-token"]
    static let files = ["/srv/app/config.yaml", "/srv/app/logs/app.log", "/tmp/build/cache", "/srv/reports/daily.csv"]
    static let internalURLs = ["https://status.bank.example/api", "https://wiki.bank.example/runbooks"]
    static let externalURLs = ["https://paste.example.net/upload", "https://files.example.org/put", "https://203.0.113.7/collect"]
    static let featureBranches = ["feature/retry-backoff", "fix/rounding", "chore/deps", "feature/audit-log"]
    static let protectedBranches = ["main", "master", "production"]

    // MARK: Benign tools

    /// A read, list, search or describe call (always allowed by the starter pack).
    static func read(_ r: inout SplitMix64) -> ToolCall {
        let env = r.pick(environments)
        switch r.int(in: 0...8) {
        case 0: return repo("git.log", "read", r.pick(repositories), env, ["branch": "main"])
        case 1: return repo("git.diff", "read", r.pick(repositories), env, ["branch": .string(r.pick(featureBranches))])
        case 2: return file("fs.read", "read", r.pick(files), env)
        case 3: return file("fs.list", "list", "/srv/app", env)
        case 4: return database("db.query", "read", r.pick(databases), env, ["sql": "SELECT count(*) FROM t", "limit": 100])
        case 5: return database("db.describe", "describe", r.pick(databases), env, [:])
        case 6: return service("k8s.get", "describe", r.pick(services), env, [:])
        case 7: return url("http.get", "read", r.pick(internalURLs), env, "internal")
        default: return secret("secrets.read", r.pick(secrets), env)
        }
    }

    /// A non-destructive change to a development or staging target (allowed without approval).
    static func nonProductionChange(_ r: inout SplitMix64) -> ToolCall {
        let env = r.pick(nonProduction)
        switch r.int(in: 0...5) {
        case 0: return file("fs.write", "write", r.pick(files), env)
        case 1: return repo("git.commit", "write", r.pick(repositories), env, ["branch": .string(r.pick(featureBranches))])
        case 2: return repo("git.push", "write", r.pick(repositories), env, ["branch": .string(r.pick(featureBranches))])
        case 3: return database("db.migrate", "migrate", r.pick(databases), env, ["migration": "0042_add_index"])
        case 4: return service("k8s.apply", "deploy", r.pick(services), env, ["image": "registry.bank.example/app:1.8.3"])
        default:
            return ToolCall(
                name: "shell.exec", operation: "execute", arguments: JSONObject(["command": "make test"]),
                target: SimTarget(kind: "host", id: "ci-runner-\(r.int(in: 1...4))", environment: env, sensitivity: "internal"))
        }
    }

    /// A destructive call on a non-production target (allowed, but counted by the budget rule).
    static func nonProductionDeletion(_ r: inout SplitMix64) -> ToolCall {
        let env = r.pick(nonProduction)
        switch r.int(in: 0...2) {
        case 0: return file("fs.delete", "delete", "/tmp/build/cache/\(r.int(in: 100...999))", env)
        case 1: return database("db.truncate", "delete", "scratch.tmp_\(r.int(in: 10...99))", env, [:])
        default: return service("k8s.delete", "delete", "preview-\(r.int(in: 100...999))", env, [:])
        }
    }

    /// A production change that needs approval: deploy, migration or merge into `main`.
    static func productionChange(_ r: inout SplitMix64) -> ToolCall {
        switch r.int(in: 0...2) {
        case 0: return productionDeploy(r.pick(services), &r)
        case 1: return database("db.migrate", "migrate", r.pick(databases), "production", ["migration": "0043_backfill"])
        default: return protectedMerge(r.pick(repositories), branch: "main", environment: "production")
        }
    }

    static func productionDeploy(_ service: String, _ r: inout SplitMix64) -> ToolCall {
        let image = "registry.bank.example/\(service):\(r.int(in: 1...3)).\(r.int(in: 0...20)).\(r.int(in: 0...9))"
        return ToolCatalog.service("k8s.deploy", "deploy", service, "production", ["image": .string(image)])
    }

    static func protectedMerge(_ repo: String, branch: String, environment: String) -> ToolCall {
        ToolCatalog.repo("git.merge", "merge", repo, environment, ["branch": .string(branch), "source": "release/next"])
    }

    // MARK: Builders

    static func repo(_ name: String, _ op: String, _ id: String, _ env: String, _ args: KeyValuePairs<String, JSONValue>) -> ToolCall {
        var arguments = JSONObject(["repo": .string(id)])
        for (key, value) in args { arguments[key] = value }
        return ToolCall(name: name, operation: op, arguments: arguments,
            target: SimTarget(kind: "repository", id: id, environment: env, sensitivity: "internal"))
    }

    static func file(_ name: String, _ op: String, _ path: String, _ env: String) -> ToolCall {
        ToolCall(name: name, operation: op, arguments: JSONObject(["path": .string(path)]),
            target: SimTarget(kind: "file", id: path, environment: env, sensitivity: "internal"))
    }

    static func database(_ name: String, _ op: String, _ table: String, _ env: String, _ args: KeyValuePairs<String, JSONValue>) -> ToolCall {
        var arguments = JSONObject(["table": .string(table)])
        for (key, value) in args { arguments[key] = value }
        let sensitivity = table.hasPrefix("core.") || table.hasPrefix("ledger.") ? "restricted" : "confidential"
        return ToolCall(name: name, operation: op, arguments: arguments,
            target: SimTarget(kind: "database", id: table, environment: env, sensitivity: sensitivity))
    }

    static func service(_ name: String, _ op: String, _ id: String, _ env: String, _ args: KeyValuePairs<String, JSONValue>) -> ToolCall {
        var arguments = JSONObject(["namespace": .string(env), "name": .string(id)])
        for (key, value) in args { arguments[key] = value }
        return ToolCall(name: name, operation: op, arguments: arguments,
            target: SimTarget(kind: "service", id: id, environment: env, sensitivity: "internal"))
    }

    static func url(_ name: String, _ op: String, _ address: String, _ env: String, _ sensitivity: String) -> ToolCall {
        ToolCall(name: name, operation: op, arguments: JSONObject(["url": .string(address)]),
            target: SimTarget(kind: "url", id: address, environment: env, sensitivity: sensitivity))
    }

    static func secret(_ name: String, _ path: String, _ env: String) -> ToolCall {
        ToolCall(name: name, operation: "read", arguments: JSONObject(["path": .string(path)]),
            target: SimTarget(kind: "secret", id: path, environment: env, sensitivity: "restricted"))
    }
}
