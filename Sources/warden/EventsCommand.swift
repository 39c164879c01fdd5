import ArgumentParser

/// `warden events ...`: tools for agent vendors producing schema v1 events.
struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Work with agent action events (schema warden.event/v1).",
        subcommands: [EventsValidateCommand.self]
    )
}
