/* kgq_plugin.h is all there is to this target; this file gives SwiftPM a source to build. */
#include "kgq_plugin.h"
