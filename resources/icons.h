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
} // namespace Icons
