/// The `warden run` supervisor: consume, decide, enforce, record.
///
/// Built so far: the service configuration (`ServiceConfigLoader`, `ServiceConfig`) and the
/// creation of its topics (`TopicPlan`, `TopicBootstrapper`). The run loop itself (issue
/// "Service: warden run") is not built yet.
public enum WardenService {}
