/* todoke-native-forward.h: hands failures to the desktop app over D-Bus
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How long one Report call may take before the host gives up on it. */
#define TODOKE_NATIVE_FORWARD_TIMEOUT_MS 2000

typedef struct _TodokeNativeForward TodokeNativeForward;

TodokeNativeForward *todoke_native_forward_new      (void);
void                 todoke_native_forward_free     (TodokeNativeForward *self);
void                 todoke_native_forward_report   (TodokeNativeForward *self,
                                                     GVariant            *failure);
gboolean             todoke_native_forward_is_idle  (TodokeNativeForward *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TodokeNativeForward, todoke_native_forward_free)

G_END_DECLS
