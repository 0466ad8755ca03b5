#ifndef BPMN_INBOX_CJAVASCRIPTCORE_SHIM_H
#define BPMN_INBOX_CJAVASCRIPTCORE_SHIM_H

#include <JavaScriptCore/JavaScript.h>

/*
 * Exported by libjavascriptcoregtk-4.1 but declared only in the private header
 * JSContextRefPrivate.h, which Debian does not ship. The callback returns true to
 * terminate the running script once `limit` seconds of CPU time have passed.
 */
typedef bool (*JSShouldTerminateCallback)(JSContextRef ctx, void *context);
extern void JSContextGroupSetExecutionTimeLimit(JSContextGroupRef group, double limit,
                                                JSShouldTerminateCallback callback, void *context);
extern void JSContextGroupClearExecutionTimeLimit(JSContextGroupRef group);

#endif
