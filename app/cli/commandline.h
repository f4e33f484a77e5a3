#pragma once

#include "models/account.h"
#include "models/recordkey.h"

#include <QCoreApplication>
#include <QStringList>
#include <QTextStream>

#include <functional>
#include <memory>
#include <optional>

class Connector;
class ConnectorJob;
class LaserficheSignIn;
class LinkRepository;
class NetworkManager;
class SecretStore;

/// linkloom-cli: the connectors and the workspace for scripts. One command per run, against a
/// workspace file; output on stdout (text, or JSON with --json), messages on stderr; the exit
/// code says what happened (ExitCode). Secrets come from the environment
/// (LINKLOOM_SECRET_<VENDOR>_<ACCOUNT>), never from the command line.
class CommandLine
{
    Q_DECLARE_TR_FUNCTIONS(CommandLine)

public:
    enum ExitCode {
        Done = 0,
        VendorFailed = 1, ///< the vendor refused or could not be reached
        Usage = 2, ///< bad arguments
        WorkspaceFailed = 3, ///< the workspace cannot be opened or written
        RefusedByRules = 4, ///< the vendor's link rules do not allow it; nothing was sent
    };

    CommandLine(QTextStream &out, QTextStream &err);
    ~CommandLine();

    /// Runs the command in `arguments` (argv, program name first); returns the exit code.
    int run(const QStringList &arguments);

    /// The environment variable holding an account's secret: LINKLOOM_SECRET_COPPER_SALES.
    static QString secretVariable(Vendor vendor, const QString &account);

    /// Called with each connector a command makes, before it sends anything. For tests that run
    /// commands in-process against the sandbox (to turn the vendor's request pacing off or to
    /// shorten the retries); linkloom-cli itself never sets one.
    void setConnectorHook(std::function<void(Connector &)> hook)
    {
        m_connectorHook = std::move(hook);
    }

private:
    int accounts();
    int addAccount(const QStringList &args);
    int removeAccount(const QStringList &args);
    int sync(const QStringList &args);
    int records(const QStringList &args);
    int links(const QStringList &args);
    int link(const QStringList &args, bool add);

    std::optional<AccountConfig> accountArgument(const QString &text);
    std::optional<RecordKey> recordArgument(const QString &text);
    /// The connector of `account` with its secret from the environment; nullptr after a message.
    Connector *connectorFor(const AccountConfig &account);
    /// Runs the event loop until `job` finished; false (after a message) when it failed.
    bool wait(ConnectorJob *job);
    int usage(const QString &problem);

    QTextStream &m_out;
    QTextStream &m_err;
    bool m_json = false;
    QString m_typeFilter;
    QString m_linkType;
    std::unique_ptr<LinkRepository> m_repository;
    std::unique_ptr<NetworkManager> m_network;
    std::unique_ptr<Connector> m_connector;
    std::unique_ptr<SecretStore> m_secrets; ///< Laserfiche: where its refresh token is
    std::unique_ptr<LaserficheSignIn> m_signIn;
    std::function<void(Connector &)> m_connectorHook;
};
