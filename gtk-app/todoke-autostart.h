/* todoke-autostart.h: the XDG autostart entry
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *todoke_autostart_dup_path (void);
gboolean  todoke_autostart_set      (gboolean   enabled,
                                     GError   **error);

G_END_DECLS
