#pragma once

#include "models/vendor.h"

#include <QIcon>

/// The application's bundled icons (resources/icons, compiled in).
namespace Icons {
QIcon application();
QIcon vendor(Vendor vendor);
QIcon recordType();
QIcon record();
QIcon link();
/// An eye: show a hidden password or key.
QIcon showSecret();
} // namespace Icons
