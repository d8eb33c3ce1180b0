import {createContext, useContext} from 'react';

export type Route =
	| {view: 'overview'}
	| {view: 'detail'; indicator: string; team?: string}
	| {view: 'matrix'}
	| {view: 'caseloads'}
	| {view: 'agenda'};

export type Navigation = {
	push: (route: Route) => void;
	pop: () => void;
};

export const NavigationContext = createContext<Navigation>({push: () => undefined, pop: () => undefined});

export function useNavigation(): Navigation {
	return useContext(NavigationContext);
}
