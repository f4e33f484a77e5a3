#pragma once

#include <QJsonObject>
#include <QString>

class SandboxServer;

/// linkloom-sandbox --state FILE: the mutable state of every vendor simulator in one JSON object
/// keyed by vendor ({"copper":{...},"devrev":{...},"pm415":{...},"laserfiche":{...}}).
///
/// A vendor whose simulator keeps no state yet (saveState() answers {}) is left out of the file.
/// Files are written atomically (QSaveFile): a crash leaves the old file or the new one, never
/// half of one. Not supported: merging files, files from another version of a simulator that
/// it refuses.
class SandboxStateFile
{
public:
    enum class SaveResult { Saved, Unchanged, Failed };

    SandboxStateFile(SandboxServer &server, QString path);

    const QString &path() const { return m_path; }

    /// Restores every vendor the file names. A missing file is no error (nothing changes). A
    /// file that cannot be read, is not such an object, names an unknown vendor, or holds a state
    /// its vendor refuses: false, *error set, and the file is left as it is (vendors restored
    /// before the refusal keep their restored state).
    bool load(QString *error);
    /// Writes every vendor's state to the file.
    bool save(QString *error);
    /// Saves only if some vendor's state differs from the one last loaded or saved.
    SaveResult saveIfChanged(QString *error);

    /// Every vendor's state as the file holds it.
    QJsonObject collect() const;

private:
    bool write(const QJsonObject &state, QString *error);

    SandboxServer &m_server;
    QString m_path;
    QJsonObject m_saved;
};
