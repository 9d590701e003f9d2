#pragma once

#include "config/serveroptions.h"
#include "protocol/result.h"

#include <QCommandLineParser>
#include <QProcessEnvironment>
#include <QStringList>

class QCoreApplication;

namespace collab::server {

// collab-server's command line, and the one place where it is merged with the environment and the
// configuration file into the ServerOptions a ServerInstance starts with. Precedence, for every
// setting that more than one of them can give:
//     flag  >  environment (REDIS_PASSWORD)  >  configuration file (--config)  >  default
// A new setting: declare its flag in the constructor, merge it in resolve(), and add its
// precedence rows to tst_server_config.
class ServerCommandLine
{
public:
    ServerCommandLine();

    // collab-server: parses argv; --help, --version and an unknown flag print and exit, as
    // QCommandLineParser::process does.
    void process(const QCoreApplication &app);
    // Tests: parses ARGUMENTS (the program name first); false with errorText() on an unknown flag.
    bool parse(const QStringList &arguments);
    QString errorText() const { return m_parser.errorText(); }

    // The merged options, or the first problem as one line naming the flag, variable or file.
    // Reads the configuration file named by --config, if any.
    Result<ServerOptions> resolve(const QProcessEnvironment &environment) const;

    // --rebuild-projections: rebuild the read side from the event log and exit instead of serving.
    bool rebuildProjections() const { return isSet("rebuild-projections"); }

private:
    QString value(const char *flag) const;
    bool isSet(const char *flag) const;

    QCommandLineParser m_parser;
};

} // namespace collab::server
