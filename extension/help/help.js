/** The help page: static text, localized. */
import { localize } from "../shared/page.js";

localize();
