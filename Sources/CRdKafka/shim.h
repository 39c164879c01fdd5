// librdkafka's public API plus its mock cluster (used only by fault-injection tests).
// Built against Debian's headers (2.0.2); run against librdkafka >= 2.2 via scripts/env.
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
