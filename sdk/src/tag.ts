/** Entry of the `<script>` build: the API as the globals `rum` and `RumSdk`. */
import { error, flush, init, setConsent, setRoute, startTransaction } from './index';

const g = window as unknown as Record<string, unknown>;
g.rum = g.RumSdk = { init, setConsent, setRoute, startTransaction, error, flush };
