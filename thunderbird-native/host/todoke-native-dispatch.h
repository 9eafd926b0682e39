/* todoke-native-dispatch.h: one request in, one answer out
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include <todoke.h>

G_BEGIN_DECLS

/* Version of PROTOCOL.md the host speaks. */
#define TODOKE_NATIVE_PROTOCOL_VERSION 1

typedef struct _TodokeNativeDispatch TodokeNativeDispatch;

TodokeNativeDispatch *todoke_native_dispatch_new         (TodokeRuleSet         *rules);
void                  todoke_native_dispatch_free        (TodokeNativeDispatch  *self);
void                  todoke_native_dispatch_set_max_answer (TodokeNativeDispatch *self,
                                                         gsize                  max_answer);
void                  todoke_native_dispatch_set_lift_min (TodokeNativeDispatch *self,
                                                         gsize                  lift_min);
char                 *todoke_native_dispatch_handle      (TodokeNativeDispatch  *self,
                                                         GBytes                *frame,
                                                         GVariant             **report);
TodokeProbe          *todoke_native_dispatch_get_probe  (TodokeNativeDispatch  *self);
char                 *todoke_native_dispatch_error_answer (JsonNode            *id,
                                                          const GError        *error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TodokeNativeDispatch, todoke_native_dispatch_free)

G_END_DECLS
