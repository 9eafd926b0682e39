/* todoke-cli-notify.h: `todoke classify --notify`
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void     todoke_cli_notify_enable (gboolean    enabled);
gboolean todoke_cli_notify_bounce (GBytes     *message,
                                   const char *lang);
gboolean todoke_cli_notify_reply  (const char *reply,
                                   const char *recipient,
                                   const char *lang);

G_END_DECLS
