#include "sandbox/sandboxstate.h"

#include "sandbox/coppersandbox.h"
#include "sandbox/devrevsandbox.h"
#include "sandbox/laserfichesandbox.h"
#include "sandbox/pm415sandbox.h"
#include "sandbox/sandboxserver.h"

#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

#include <algorithm>
#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace {

/// The file's keys, which are also the vendors' names in the exchange log.
std::array<std::pair<QString, VendorSimulator *>, 4> vendors(SandboxServer &server)
{
    return {{{u"copper"_s, &server.copper()},
             {u"devrev"_s, &server.devRev()},
             {u"pm415"_s, &server.pm415()},
             {u"laserfiche"_s, &server.laserfiche()}}};
}

/// Compares vendor by vendor: an unchanged vendor hands out the same shared object, which
/// compares at once, while comparing the whole file's object would walk every record.
bool sameStates(const QJsonObject &a, const QJsonObject &b)
{
    const QStringList vendors = a.keys();
    return vendors == b.keys() && std::ranges::all_of(vendors, [&](const QString &vendor) {
               return a.value(vendor).toObject() == b.value(vendor).toObject();
           });
}

} // namespace

SandboxStateFile::SandboxStateFile(SandboxServer &server, QString path)
    : m_server(server)
    , m_path(std::move(path))
{ }

QJsonObject SandboxStateFile::collect() const
{
    QJsonObject result;
    for (const auto &[name, simulator] : vendors(m_server)) {
        if (const QJsonObject state = simulator->saveState(); !state.isEmpty())
            result.insert(name, state);
    }
    return result;
}

bool SandboxStateFile::load(QString *error)
{
    const auto fail = [&](const QString &problem) {
        if (error)
            *error = u"%1: %2"_s.arg(m_path, problem);
        return false;
    };
    QFile file(m_path);
    if (!file.exists()) {
        m_saved = collect();
        return true;
    }
    if (!file.open(QIODevice::ReadOnly))
        return fail(file.errorString());
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return fail(
            u"not JSON (%1 at offset %2)"_s.arg(parseError.errorString()).arg(parseError.offset));
    }
    if (!document.isObject())
        return fail(u"not a JSON object keyed by vendor"_s);

    const QJsonObject all = document.object();
    const auto known = vendors(m_server);
    for (auto it = all.begin(); it != all.end(); ++it) {
        if (std::ranges::none_of(known,
                                 [&it](const auto &vendor) { return vendor.first == it.key(); }))
            return fail(u"unknown vendor \"%1\""_s.arg(it.key()));
        if (!it.value().isObject())
            return fail(u"the state of %1 is not a JSON object"_s.arg(it.key()));
    }
    for (const auto &[name, simulator] : known) {
        QString problem;
        if (all.contains(name) && !simulator->restoreState(all.value(name).toObject(), &problem))
            return fail(u"%1 refused its state: %2"_s.arg(name, problem));
    }
    m_saved = collect();
    return true;
}

bool SandboxStateFile::save(QString *error)
{
    return write(collect(), error);
}

SandboxStateFile::SaveResult SandboxStateFile::saveIfChanged(QString *error)
{
    const QJsonObject state = collect();
    if (sameStates(state, m_saved))
        return SaveResult::Unchanged;
    return write(state, error) ? SaveResult::Saved : SaveResult::Failed;
}

bool SandboxStateFile::write(const QJsonObject &state, QString *error)
{
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly)
        || file.write(QJsonDocument(state).toJson(QJsonDocument::Compact)) < 0 || !file.commit()) {
        if (error)
            *error = u"%1: %2"_s.arg(m_path, file.errorString());
        return false;
    }
    m_saved = state;
    return true;
}
