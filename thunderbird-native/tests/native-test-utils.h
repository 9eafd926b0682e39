/* native-test-utils.h: what the native host's tests share
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <todoke.h>

#include "todoke-native-channel.h"
#include "todoke-native-dispatch.h"

G_BEGIN_DECLS

/* The built todoke-native-host ($TODOKE_NATIVE_HOST) on pipes. */
typedef struct
{
  GSubprocess   *process;
  GOutputStream *to_host;
  GInputStream  *from_host;
} Host;

void        host_start               (Host                 *host);
int         host_finish              (Host                 *host);
void        host_send_raw            (Host                 *host,
                                      const void           *data,
                                      gsize                 length);
JsonNode   *host_read                (Host                 *host);
JsonNode   *host_call                (Host                 *host,
                                      const char           *request);
JsonObject *result_of                (JsonNode             *answer);
const char *error_code_of            (JsonNode             *answer);
JsonObject *first_diagnosis          (JsonNode             *answer);
char       *bounce_text              (void);
char       *classify_message_request (const char           *raw,
                                      const char           *encoding);
GStrv       message_part_requests    (const char           *text,
                                      gsize                 part_size);
void        assert_bounce_answer     (JsonNode             *answer);
JsonNode   *dispatch_call            (TodokeNativeDispatch *dispatch,
                                      const char           *request);
JsonObject *find_finding             (JsonNode             *answer,
                                      const char           *check);

G_END_DECLS
